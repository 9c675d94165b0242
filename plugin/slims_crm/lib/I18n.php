<?php
/**
 * Strings: English source text goes through SLiMS's __() first (so SLiMS's own catalogues win when they
 * know a string); when SLiMS has no translation and the library's language is Indonesian, the plugin's
 * bundled Indonesian text is used; otherwise the English source.
 */

namespace SlimsCrm;

final class I18n
{
    /** @var array<string, string>|null */
    private static $indonesian = null;

    public static function t(string $english): string
    {
        $translated = function_exists('__') ? (string) \__($english) : $english;
        if ($translated !== $english && $translated !== '') {
            return $translated;
        }
        if (self::lang() === 'id') {
            if (self::$indonesian === null) {
                self::$indonesian = require __DIR__ . '/lang/id.php';
            }
            return self::$indonesian[$english] ?? $english;
        }
        return $english;
    }

    /**
     * 'id' or 'en', from SLiMS's default_lang (e.g. id_ID, en_US). $sysconf first: SLiMS 9.4's config() loads
     * every file in config/ on its first call, sysconfig.local.inc-sample.php too, which redefines DB_HOST.
     */
    public static function lang(): string
    {
        global $sysconf;
        $locale = isset($sysconf['default_lang']) && is_string($sysconf['default_lang']) ? $sysconf['default_lang'] : '';
        if ($locale === '' && function_exists('config') && class_exists('\\SLiMS\\Opac')) {
            $value = \config('default_lang');
            $locale = is_string($value) ? $value : '';
        }
        return stripos($locale, 'id') === 0 ? 'id' : 'en';
    }

    public static function e(string $text): string
    {
        return htmlspecialchars($text, ENT_QUOTES, 'UTF-8');
    }

    /** Translated and HTML-escaped. */
    public static function h(string $english): string
    {
        return self::e(self::t($english));
    }
}
