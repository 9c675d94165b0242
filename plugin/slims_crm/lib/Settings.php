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

    /** @var array{sidecarUrl: string, secret: string, readable: bool}|null */
    private static $cache = null;

    /** @return array{sidecarUrl: string, secret: string, readable: bool} readable is false when the database did not answer */
    public static function all(): array
    {
        if (self::$cache === null) {
            $stored = self::read();
            self::$cache = [
                'sidecarUrl' => is_string($stored['sidecarUrl'] ?? null) ? $stored['sidecarUrl'] : '',
                'secret' => is_string($stored['secret'] ?? null) ? $stored['secret'] : '',
                'readable' => $stored !== null,
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
        if ($settings['secret'] === '' && $settings['readable']) {
            $secret = self::newSecret();
            return self::save(['secret' => $secret]) ? $secret : '';
        }
        return $settings['secret'];
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
        self::$cache = $next + ['readable' => true];
        return true;
    }

    /** Forget the per-request cache (tests). */
    public static function reset(): void
    {
        self::$cache = null;
    }

    /** @return array<string, mixed>|null the stored array ([] when none), or null when the database did not answer */
    private static function read(): ?array
    {
        try {
            $rows = Db::rows('SELECT setting_value FROM setting WHERE setting_name = ?', [self::NAME]);
        } catch (\Throwable $e) {
            Guard::log('reading settings failed: ' . Guard::describe($e));
            return null;
        }
        $value = $rows[0]['setting_value'] ?? null;
        if (!is_string($value) || $value === '') {
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
