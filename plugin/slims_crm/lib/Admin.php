<?php
/**
 * Helpers for the plugin's admin pages (loaded by SLiMS's admin/plugin_container.php): privilege checks,
 * the page's own URL, a per-session form token and the sidecar health check.
 */

namespace SlimsCrm;

final class Admin
{
    public static function can(string $type): bool
    {
        return class_exists('\utility') && method_exists('\utility', 'havePrivilege') && \utility::havePrivilege('membership', $type);
    }

    /**
     * Who may change the sidecar URL and secret: they decide which script runs in SLiMS's admin and on
     * every OPAC page, so it takes System write privilege (SLiMS's super-admin has it), not Membership.
     */
    public static function canConfigure(): bool
    {
        if ((int) ($_SESSION['uid'] ?? 0) === 1) {
            return true;
        }
        return class_exists('\utility') && method_exists('\utility', 'havePrivilege') && \utility::havePrivilege('system', 'w');
    }

    /** SLiMS's refusal box, as its own modules print it. */
    public static function refusal(): string
    {
        return '<div class="errorBox">' . I18n::h('You don\'t have enough privileges to access this area!') . '</div>';
    }

    /**
     * plugin_container.php URL of a page file registered in the membership module.
     *
     * @param array<string, string> $query
     */
    public static function pageUrl(string $pageFile, array $query = []): string
    {
        $base = defined('AWB') ? AWB : '';
        $real = realpath($pageFile);
        $params = array_merge(['mod' => 'membership', 'id' => md5($real === false ? $pageFile : $real)], $query);
        return $base . 'plugin_container.php?' . http_build_query($params);
    }

    public static function formToken(): string
    {
        if (empty($_SESSION['slims_crm_form']) || !is_string($_SESSION['slims_crm_form'])) {
            $_SESSION['slims_crm_form'] = bin2hex(random_bytes(16));
        }
        return $_SESSION['slims_crm_form'];
    }

    /** @param mixed $value */
    public static function checkFormToken($value): bool
    {
        return is_string($value) && !empty($_SESSION['slims_crm_form']) && hash_equals((string) $_SESSION['slims_crm_form'], $value);
    }

    /**
     * GET {sidecar}/api/v1/health: status, version, database check, and sidecar clock minus PHP clock.
     *
     * @return array{ok: bool, httpStatus: int|null, status: string|null, version: string|null, database: bool|null, clockDifference: int|null, error: string|null}
     */
    public static function health(string $sidecarUrl, float $timeout = 3.0): array
    {
        $before = time();
        $answer = Http::request('GET', rtrim($sidecarUrl, '/') . '/api/v1/health', ['Accept' => 'application/json'], null, $timeout);
        $result = [
            'ok' => false, 'httpStatus' => $answer['status'], 'status' => null, 'version' => null,
            'database' => null, 'clockDifference' => null, 'error' => $answer['error'],
        ];
        if ($answer['status'] === null) {
            return $result;
        }
        $body = json_decode($answer['body'], true);
        if (!is_array($body)) {
            $result['error'] = 'HTTP ' . $answer['status'] . ': not JSON';
            return $result;
        }
        $result['status'] = is_string($body['status'] ?? null) ? $body['status'] : null;
        $result['version'] = is_scalar($body['version'] ?? null) ? (string) $body['version'] : null;
        $database = $body['database'] ?? null;
        $result['database'] = is_array($database) ? !empty($database['ok']) : (is_bool($database) ? $database : null);
        $time = is_string($body['time'] ?? null) ? strtotime($body['time']) : false;
        if ($time !== false) {
            $result['clockDifference'] = $time - (int) round(($before + time()) / 2);
        }
        $result['ok'] = $answer['status'] === 200 && $result['status'] === 'ok';
        return $result;
    }
}
