<?php
/**
 * Lets the widgets load and call the sidecar under SLiMS's OPAC Content-Security-Policy. Browsers ignore a
 * second script-src, so the sidecar origin is added to the existing script-src and connect-src directives
 * (SLIMS-INSTALL.md §9) instead of appending new ones.
 */

namespace SlimsCrm;

final class Csp
{
    const DIRECTIVES = ['script-src', 'connect-src'];

    /**
     * @param array<int|string, mixed> $policy config('csp'): a list of directive strings
     * @return array<int|string, string> only the entries that change, by their index
     */
    public static function changes(array $policy, string $origin): array
    {
        $changes = [];
        // Only a plain origin may enter the policy: no spaces, wildcards, quotes or separators.
        if (!preg_match('~^https?://(?:[a-z0-9.-]+|\[[0-9a-f:]+\])(?::\d{1,5})?$~i', $origin)) {
            return $changes;
        }
        foreach ($policy as $index => $directive) {
            if (!is_string($directive)) {
                continue;
            }
            $words = preg_split('/\s+/', trim($directive));
            $name = strtolower($words[0] ?? '');
            if (in_array($name, self::DIRECTIVES, true) && !in_array($origin, $words, true)) {
                $changes[$index] = rtrim($directive) . ' ' . $origin;
            }
        }
        return $changes;
    }

    /**
     * Rewrites config('csp') and re-sends the header through the OPAC object (SLiMS 9.7: Config::replace()).
     * On SLiMS 9.5 to 9.6.1, whose Config has no replace(), the policy string is rebuilt here and sent with
     * header(..., true), which replaces the header Opac::setCsp() sent before the hook. Does nothing where
     * the OPAC sends no CSP (before 9.5: no Opac::setCsp()).
     *
     * @param object $opac \SLiMS\Opac
     */
    public static function allowSidecar($opac, string $origin): bool
    {
        if (!function_exists('config') || !is_object($opac) || !method_exists($opac, 'setCsp')) {
            return false;
        }
        $policy = \config('csp', []);
        if (!is_array($policy) || $policy === []) {
            return false;
        }
        $changes = self::changes($policy, $origin);
        $config = \config();
        if (is_object($config) && method_exists($config, 'replace')) {
            foreach ($changes as $index => $directive) {
                $config->replace('csp.' . $index, $directive);
            }
            if ($changes !== []) {
                $opac->setCsp();
            }
            return true;
        }
        if ($changes !== [] && !headers_sent()) {
            header('Content-Security-Policy: ' . self::header(array_replace($policy, $changes)), true);
        }
        return true;
    }

    /**
     * The header value as Opac::setCsp() builds it: the directives joined by ';'.
     *
     * @param array<int|string, mixed> $policy
     */
    public static function header(array $policy): string
    {
        $directives = [];
        foreach ($policy as $directive) {
            if (is_string($directive) && trim($directive) !== '') {
                // A header value must not carry line breaks (header() refuses them).
                $directives[] = trim(preg_replace('/[\r\n]+/', ' ', $directive));
            }
        }
        return implode(';', $directives);
    }
}
