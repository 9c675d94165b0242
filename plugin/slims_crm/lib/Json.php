<?php
/**
 * JSON for tokens, webhooks and pages: never fails on bad UTF-8, safe inside <script>, and JSON answers.
 */

namespace SlimsCrm;

final class Json
{
    /** @param mixed $value */
    public static function encode($value): string
    {
        // SLiMS tables are utf8 but old rows may hold Latin-1 bytes: substitute instead of failing.
        $json = json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
        return $json === false ? 'null' : $json;
    }

    /**
     * For values printed inside an inline <script>: <, >, &, ' and " become \u escapes, so the
     * value can never close the script element or an HTML attribute.
     *
     * @param mixed $value
     */
    public static function forScript($value): string
    {
        $json = json_encode(
            $value,
            JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE
        );
        return $json === false ? 'null' : $json;
    }

    /**
     * Sends a no-store JSON answer after discarding whatever SLiMS buffered; the caller exits.
     *
     * @param array<string, mixed> $body
     */
    public static function respond(array $body, int $status = 200): void
    {
        // A buffer started without the removable flag cannot be cleaned (ob_end_clean() then raises a notice).
        while (ob_get_level() > 0) {
            $buffer = ob_get_status();
            if (isset($buffer['flags']) && ($buffer['flags'] & PHP_OUTPUT_HANDLER_REMOVABLE) === 0) {
                break;
            }
            ob_end_clean();
        }
        if (!headers_sent()) {
            http_response_code($status);
            header('Content-Type: application/json; charset=utf-8');
            header('Cache-Control: no-store');
            header('X-Content-Type-Options: nosniff');
        }
        echo self::encode($body);
    }
}
