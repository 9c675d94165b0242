<?php
/**
 * The plugin's settings (sidecar URL, shared secret), kept outside the plugin folder in SLiMS's `setting`
 * table as one PHP-serialized array named 'slims_crm', the way SLiMS stores its own settings.
 * All SQL is prepared: PDO from \SLiMS\DB where it exists, else SLiMS's mysqli $dbs.
 */

namespace SlimsCrm;

final class Settings
{
    const NAME = 'slims_crm';

    /** @var array{sidecarUrl: string, secret: string}|null */
    private static $cache = null;

    /** @return array{sidecarUrl: string, secret: string} */
    public static function all(): array
    {
        if (self::$cache === null) {
            $stored = self::read();
            self::$cache = [
                'sidecarUrl' => is_string($stored['sidecarUrl'] ?? null) ? $stored['sidecarUrl'] : '',
                'secret' => is_string($stored['secret'] ?? null) ? $stored['secret'] : '',
            ];
        }
        return self::$cache;
    }

    public static function sidecarUrl(): string
    {
        return rtrim(self::all()['sidecarUrl'], '/');
    }

    /** scheme://host[:port] of the sidecar, for CSP; '' when not configured. */
    public static function sidecarOrigin(): string
    {
        $parts = parse_url(self::sidecarUrl());
        if (!is_array($parts) || empty($parts['scheme']) || empty($parts['host'])) {
            return '';
        }
        return strtolower($parts['scheme']) . '://' . strtolower($parts['host']) . (isset($parts['port']) ? ':' . $parts['port'] : '');
    }

    /** The shared secret; generated and saved on first use. */
    public static function secret(): string
    {
        $secret = self::all()['secret'];
        if ($secret === '') {
            $secret = self::newSecret();
            self::save(['secret' => $secret]);
        }
        return $secret;
    }

    public static function newSecret(): string
    {
        return bin2hex(random_bytes(32));
    }

    /** What the settings page may show of a secret: its last 4 characters. */
    public static function masked(string $secret): string
    {
        return $secret === '' ? '' : '…' . substr($secret, -4);
    }

    public static function isValidUrl(string $url): bool
    {
        // Strict on purpose: the origin is printed into script tags and into the Content-Security-Policy.
        if (!preg_match('~^https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:]+\])(?::\d{1,5})?(?:/[a-z0-9._/-]*)?$~i', $url)) {
            return false;
        }
        $parts = parse_url($url);
        return is_array($parts) && in_array(strtolower($parts['scheme'] ?? ''), ['http', 'https'], true) && !empty($parts['host'])
            && !isset($parts['user']) && !isset($parts['query']) && !isset($parts['fragment']);
    }

    /** @param array{sidecarUrl?: string, secret?: string} $changes */
    public static function save(array $changes): bool
    {
        $next = array_merge(self::all(), array_intersect_key($changes, ['sidecarUrl' => 1, 'secret' => 1]));
        $ok = self::write(serialize($next));
        if ($ok) {
            self::$cache = $next;
        }
        return $ok;
    }

    /** Forget the per-request cache (tests). */
    public static function reset(): void
    {
        self::$cache = null;
    }

    /** @return array<string, mixed> */
    private static function read(): array
    {
        $sql = 'SELECT setting_value FROM setting WHERE setting_name = ?';
        try {
            $pdo = self::pdo();
            if ($pdo !== null) {
                $statement = $pdo->prepare($sql);
                $statement->execute([self::NAME]);
                $value = $statement->fetchColumn();
            } else {
                $mysqli = self::mysqli();
                if ($mysqli === null) {
                    return [];
                }
                $statement = $mysqli->prepare($sql);
                if (!$statement) {
                    return [];
                }
                $name = self::NAME;
                $statement->bind_param('s', $name);
                $statement->execute();
                $value = null;
                $statement->bind_result($value);
                $statement->fetch();
                $statement->close();
            }
        } catch (\Throwable $e) {
            error_log('[slims-crm] reading settings failed: ' . $e->getMessage());
            return [];
        }
        if (!is_string($value) || $value === '') {
            return [];
        }
        $decoded = @unserialize($value, ['allowed_classes' => false]);
        return is_array($decoded) ? $decoded : [];
    }

    private static function write(string $value): bool
    {
        // setting_name is UNIQUE in SLiMS's schema.
        $sql = 'INSERT INTO setting (setting_name, setting_value) VALUES (?, ?) ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)';
        try {
            $pdo = self::pdo();
            if ($pdo !== null) {
                return $pdo->prepare($sql)->execute([self::NAME, $value]);
            }
            $mysqli = self::mysqli();
            $statement = $mysqli === null ? false : $mysqli->prepare($sql);
            if (!$statement) {
                return false;
            }
            $name = self::NAME;
            $statement->bind_param('ss', $name, $value);
            $ok = $statement->execute();
            $statement->close();
            return $ok;
        } catch (\Throwable $e) {
            error_log('[slims-crm] saving settings failed: ' . $e->getMessage());
            return false;
        }
    }

    /** @return \PDO|object|null SLiMS's PDO connection (9.4+), or null */
    private static function pdo()
    {
        if (class_exists('\SLiMS\DB') && method_exists('\SLiMS\DB', 'getInstance')) {
            $pdo = \SLiMS\DB::getInstance();
            return is_object($pdo) && method_exists($pdo, 'prepare') ? $pdo : null;
        }
        return null;
    }

    /** @return \mysqli|object|null */
    private static function mysqli()
    {
        global $dbs;
        return is_object($dbs) && method_exists($dbs, 'prepare') ? $dbs : null;
    }
}
