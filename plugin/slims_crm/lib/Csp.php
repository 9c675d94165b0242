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
        if ($origin === '') {
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
     * Rewrites config('csp') and re-sends the header through the OPAC object. Does nothing on SLiMS
     * versions without Config::replace() and Opac::setCsp() (the OPAC sends no CSP before 9.5).
     *
     * @param object $opac \SLiMS\Opac
     */
    public static function allowSidecar($opac, string $origin): bool
    {
        if (!function_exists('config') || !is_object($opac) || !method_exists($opac, 'setCsp')) {
            return false;
        }
        $config = \config();
        if (!is_object($config) || !method_exists($config, 'replace')) {
            return false;
        }
        $policy = \config('csp', []);
        $changes = self::changes(is_array($policy) ? $policy : [], $origin);
        foreach ($changes as $index => $directive) {
            $config->replace('csp.' . $index, $directive);
        }
        if ($changes !== []) {
            $opac->setCsp();
        }
        return true;
    }
}
