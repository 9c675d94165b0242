<?php
/**
 * Staff tokens for the staff app, minted from SLiMS's admin session (uid, realname, module privileges).
 */

namespace SlimsCrm;

final class Staff
{
    /** SLiMS's core module paths (mst_module); user 1 is the super-admin and gets all of them. */
    const CORE_MODULES = ['bibliography', 'circulation', 'membership', 'master_file', 'stock_take', 'system', 'reporting', 'serial_control'];

    /**
     * $_SESSION['priv'][module]['r'|'w'|'menus'] as {module: {r, w}}.
     *
     * @param array<string, mixed> $session
     * @return array<string, array{r: bool, w: bool}>
     */
    public static function privileges(array $session): array
    {
        $privileges = [];
        $stored = is_array($session['priv'] ?? null) ? $session['priv'] : [];
        foreach ($stored as $module => $rights) {
            if (is_array($rights)) {
                $privileges[(string) $module] = ['r' => !empty($rights['r']), 'w' => !empty($rights['w'])];
            }
        }
        if ((int) ($session['uid'] ?? 0) === 1) {
            foreach (array_unique(array_merge(self::CORE_MODULES, array_keys($privileges))) as $module) {
                $privileges[(string) $module] = ['r' => true, 'w' => true];
            }
        }
        return $privileges;
    }

    /**
     * @param array<string, mixed> $session the admin $_SESSION
     * @return array{token: string, expiresAt: string, exp: int}|null null without a staff session
     */
    public static function token(array $session, ?int $now = null): ?array
    {
        $uid = (int) ($session['uid'] ?? 0);
        if ($uid <= 0) {
            return null;
        }
        $name = is_string($session['realname'] ?? null) ? $session['realname'] : (string) ($session['uname'] ?? '');
        $secret = Settings::secret();
        if ($secret === '') {
            return null;
        }
        $minted = Token::staff($secret, $uid, $name, self::privileges($session), $now);
        // expiresIn: the browser schedules renewal from its own receive time, whatever its clock says.
        return [
            'token' => $minted['token'],
            'expiresAt' => gmdate('Y-m-d\TH:i:s\Z', $minted['exp']),
            'exp' => $minted['exp'],
            'expiresIn' => max(0, $minted['exp'] - time()),
        ];
    }
}
