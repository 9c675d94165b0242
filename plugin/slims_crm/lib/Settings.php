<?php
/**
 * The plugin's settings (sidecar URL, shared secret), kept outside the plugin folder in SLiMS's `setting`
 * table as one PHP-serialized array named 'slims_crm', the way SLiMS stores its own settings. The sidecar
 * reads the secret from there (server/db/pairing.ts), so it is never copied by hand.
 */

namespace SlimsCrm;

final class Settings
{
    const NAME = 'slims_crm';

    /** @var array{sidecarUrl: string, secret: string, readable: bool, raw: string|null}|null */
    private static $cache = null;

    /**
     * @return array{sidecarUrl: string, secret: string, readable: bool, raw: string|null} readable is false when
     *   the database did not answer; raw is the stored value as it is, null when there is no row
     */
    public static function all(): array
    {
        if (self::$cache === null) {
            $raw = self::read();
            $stored = $raw === false ? null : self::decode($raw);
            self::$cache = [
                'sidecarUrl' => is_string($stored['sidecarUrl'] ?? null) ? $stored['sidecarUrl'] : '',
                'secret' => is_string($stored['secret'] ?? null) ? $stored['secret'] : '',
                'readable' => $raw !== false,
                'raw' => $raw === false ? null : $raw,
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

    /**
     * The shared secret; generated and saved on first use. When the settings could not be read (the database
     * did not answer), nothing is generated: a new secret then would replace the one the sidecar holds.
     */
    public static function secret(): string
    {
        $settings = self::all();
        if ($settings['secret'] !== '' || !$settings['readable']) {
            return $settings['secret'];
        }
        // Two first requests at once must not each keep a secret of their own: the value is written only if
        // it is still what was read (or inserted only if there is still no row), and whatever won is read back.
        $next = serialize(['sidecarUrl' => $settings['sidecarUrl'], 'secret' => self::newSecret()]);
        try {
            if ($settings['raw'] === null) {
                Db::execute('INSERT INTO setting (setting_name, setting_value) VALUES (?, ?)', [self::NAME, $next]);
            } else {
                Db::execute('UPDATE setting SET setting_value = ? WHERE setting_name = ? AND setting_value = ?', [$next, self::NAME, $settings['raw']]);
            }
        } catch (\Throwable $e) {
            // Another request's row came first (a duplicate name): it is read back below.
        }
        self::$cache = null;
        return self::all()['secret'];
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
        $current = self::all();
        if (!$current['readable']) {
            return false;
        }
        $next = array_merge(
            ['sidecarUrl' => $current['sidecarUrl'], 'secret' => $current['secret']],
            array_intersect_key($changes, ['sidecarUrl' => 1, 'secret' => 1])
        );
        try {
            // setting_name is UNIQUE in SLiMS's schema.
            Db::execute(
                'INSERT INTO setting (setting_name, setting_value) VALUES (?, ?) ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)',
                [self::NAME, serialize($next)]
            );
        } catch (\Throwable $e) {
            Guard::log('saving settings failed: ' . Guard::describe($e));
            return false;
        }
        self::$cache = null;
        return true;
    }

    /** Forget the per-request cache (tests). */
    public static function reset(): void
    {
        self::$cache = null;
    }

    /** @return string|false|null the stored value, null when there is no row, false when the database did not answer */
    private static function read()
    {
        try {
            $rows = Db::rows('SELECT setting_value FROM setting WHERE setting_name = ?', [self::NAME]);
        } catch (\Throwable $e) {
            Guard::log('reading settings failed: ' . Guard::describe($e));
            return false;
        }
        if ($rows === []) {
            return null;
        }
        return is_string($rows[0]['setting_value'] ?? null) ? $rows[0]['setting_value'] : '';
    }

    /** @return array<string, mixed> the settings in a stored value; [] for none or a damaged one */
    private static function decode(?string $value): array
    {
        if ($value === null || $value === '') {
            return [];
        }
        // A damaged value makes unserialize() raise a notice (a warning from PHP 8.3): treat it as no settings.
        $decoded = Guard::attempt(static function () use ($value) {
            return unserialize($value, ['allowed_classes' => false]);
        });
        if (!is_array($decoded)) {
            Guard::log('the stored settings could not be read; save them again in Membership > CRM > CRM settings');
            return [];
        }
        return $decoded;
    }
}
