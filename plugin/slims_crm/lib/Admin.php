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

    /**
     * A page body, guarded: its output, or a short apology in SLiMS's error box when it failed (logged with
     * the [slims-crm] prefix). SLiMS's admin around it keeps working either way.
     */
    public static function page(string $name, callable $body): string
    {
        return Guard::run($name, static function () use ($body) {
            ob_start();
            try {
                $body();
            } catch (\Throwable $e) {
                ob_end_clean();
                throw $e;
            }
            return (string) ob_get_clean();
        }, '<div class="errorBox">' . I18n::h('This CRM page could not be shown; the details are in PHP\'s error log ([slims-crm]).') . '</div>');
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

    /**
     * The settings page's connection test, part two: a ping signed with the plugin's secret, answered with a
     * proof that only a sidecar holding the same secret can make. `problem` says what to do otherwise.
     *
     * @return array{paired: bool, problem: string|null}
     */
    public static function ping(string $sidecarUrl, string $secret, float $timeout = 3.0): array
    {
        $nonce = bin2hex(random_bytes(16));
        $body = Json::encode(['nonce' => $nonce]);
        $timestamp = time();
        $answer = Http::request('POST', rtrim($sidecarUrl, '/') . '/api/v1/hooks/ping', [
            'Content-Type' => 'application/json',
            'Accept' => 'application/json',
            'X-Slims-Crm-Timestamp' => (string) $timestamp,
            'X-Slims-Crm-Signature' => Webhook::signature($secret, $timestamp, $body),
        ], $body, $timeout);
        if ($answer['status'] === null) {
            return ['paired' => false, 'problem' => I18n::t('The sidecar does not answer at this address. Start it (npm start) and check the URL.')];
        }
        $reply = json_decode($answer['body'], true);
        $reply = is_array($reply) ? $reply : [];
        if ($answer['status'] === 200) {
            $expected = 'v1=' . hash_hmac('sha256', 'pong.' . $nonce, $secret);
            if (is_string($reply['proof'] ?? null) && hash_equals($expected, $reply['proof'])) {
                return ['paired' => true, 'problem' => null];
            }
            return ['paired' => false, 'problem' => I18n::t('The sidecar answered without proving it holds the same secret. Check that the URL points at the slims-crm sidecar.')];
        }
        if ($answer['status'] === 404) {
            return ['paired' => false, 'problem' => I18n::t('The sidecar at this address is older than the plugin, or it is not the slims-crm sidecar: update the sidecar.')];
        }
        $error = is_array($reply['error'] ?? null) ? $reply['error'] : [];
        if (($error['code'] ?? null) === 'stale_timestamp') {
            return ['paired' => false, 'problem' => I18n::t('The clocks of SLiMS and the sidecar differ by more than 5 minutes. Fix the server time.')];
        }
        if (($error['code'] ?? null) !== 'bad_signature') {
            return ['paired' => false, 'problem' => sprintf(I18n::t('The sidecar refused the test (HTTP %d).'), $answer['status'])];
        }
        $source = is_array($error['details'] ?? null) ? ($error['details']['secretSource'] ?? null) : null;
        if ($source === 'environment') {
            return ['paired' => false, 'problem' => I18n::t('The sidecar holds a different secret: it was started with CRM_SECRET. Remove CRM_SECRET from its environment (and from its .env file) and restart it; it then uses this plugin\'s secret by itself.')];
        }
        if ($source === 'demo') {
            return ['paired' => false, 'problem' => I18n::t('The sidecar at this address runs on its demo database, not on this SLiMS\'s database. Start it with CRM_DATABASE_URL set to this SLiMS\'s database.')];
        }
        return ['paired' => false, 'problem' => I18n::t('The sidecar holds a different secret: it reads another database. Check that its CRM_DATABASE_URL names this SLiMS\'s database.')];
    }
}
