<?php
/**
 * The OPAC side: member tokens from SLiMS's member session, and the widget loader injected into every OPAC
 * page (CONTENT_BEFORE_LOAD) together with the CSP change that lets it reach the sidecar.
 */

namespace SlimsCrm;

final class Member
{
    /**
     * The logged-in member as utility::isMemberLogin() sees it; pending and expired members get no token,
     * as the sidecar's own sign-in refuses them.
     *
     * @param array<string, mixed> $session
     * @return array{id: string, name: string}|null
     */
    public static function current(array $session): ?array
    {
        if (!isset($session['mid'], $session['m_name']) || (string) $session['mid'] === '') {
            return null;
        }
        if (!empty($session['m_membership_pending']) || !empty($session['m_is_expired'])) {
            return null;
        }
        // SLiMS works those flags out once, at login; a member session lasts hours, so check the date again.
        $expires = isset($session['m_expire_date']) ? (string) $session['m_expire_date'] : '';
        if (preg_match('/^\d{4}-\d{2}-\d{2}$/', $expires) && $expires < date('Y-m-d')) {
            return null;
        }
        return ['id' => (string) $session['mid'], 'name' => (string) $session['m_name']];
    }

    /**
     * @param array<string, mixed> $session
     * @return array{token: string|null, expiresAt?: string}
     */
    public static function tokenPayload(array $session, ?int $now = null): array
    {
        $member = self::current($session);
        $secret = $member === null || Settings::sidecarUrl() === '' ? '' : Settings::secret();
        if ($secret === '') {
            return ['token' => null];
        }
        $minted = Token::member($secret, $member['id'], $member['name'], $now);
        return ['token' => $minted['token'], 'expiresAt' => gmdate('Y-m-d\TH:i:s\Z', $minted['exp'])];
    }

    /**
     * The HTML appended to $opac->js: the member token (when logged in) before the loader.
     *
     * @param array<string, mixed> $session
     */
    public static function scripts(array $session, string $sidecarUrl, string $lang): string
    {
        $payload = self::tokenPayload($session);
        // The OPAC's language, for widgets whose tag has no lang: SLiMS's <html lang> is missing (default
        // theme) or the library's default rather than the visitor's choice (akasia themes).
        $page = ['lang' => $lang];
        if ($payload['token'] !== null) {
            $page['memberToken'] = $payload['token'];
        }
        $html = '<script>window.SlimsCRM=Object.assign(window.SlimsCRM||{},' . Json::forScript((object) $page) . ')</script>';
        if ($payload['token'] !== null) {
            // Where the widgets renew the token when it runs out while the member stays on a page.
            $base = defined('SWB') ? (string) SWB : '';
            $html .= '<meta name="slims-crm-token-url" content="' . I18n::e($base . 'index.php?p=slims_crm_token') . '">';
        }
        $loader = $sidecarUrl . '/widgets/slims-crm.js';
        return $html . '<script type="module" src="' . I18n::e($loader) . '" async></script>';
    }

    /**
     * CONTENT_BEFORE_LOAD handler (SLiMS 9.5+): CSP, the scripts in <head> through $opac->js, and the buffer
     * that places the librarian's widgets. Never throws: the OPAC must render even if the CRM is misconfigured.
     *
     * @param object $opac \SLiMS\Opac
     */
    public static function beforeContent($opac): void
    {
        Guard::run('the OPAC injection', static function () use ($opac) {
            $sidecarUrl = Settings::sidecarUrl();
            if ($sidecarUrl === '' || !is_object($opac)) {
                return;
            }
            $lang = Placement::opacLang();
            Csp::allowSidecar($opac, Settings::sidecarOrigin());
            // Opac has __get/__set but no __isset, so `??` would always see null: read, then write.
            $current = $opac->js;
            $opac->js = (is_string($current) ? $current : '') . self::scripts($_SESSION ?? [], $sidecarUrl, $lang);
            // SLiMS 9.7 runs this hook for `php index.php <command>` too.
            $page = PHP_SAPI === 'cli' ? null : Placement::pageKind($_GET, $_SERVER);
            $placements = $page === null ? [] : Placement::forPage($page);
            if ($placements !== []) {
                // Known now, not at the end: by then SLiMS's globals are being torn down.
                $theme = Placement::theme();
                $placements = Placement::forVisitor($placements, self::current($_SESSION ?? []) !== null);
                Placement::buffer('placing widgets in the OPAC', static function (string $html) use ($theme, $page, $placements, $lang) {
                    return Placement::inject($html, $theme, $page['kind'], $placements, $lang);
                });
            }
        });
    }

    /**
     * SLiMS 9.4 has no OPAC hook and prints no $js: when the plugin loads in the OPAC's front controller, one
     * buffer puts the scripts before </head> and places the widgets. 9.4 sends no CSP. The member session
     * starts after plugins load, so who is logged in is read at the end, from the page's own session.
     */
    public static function legacyOpac(): void
    {
        Guard::run('the OPAC injection (SLiMS 9.4)', static function () {
            if (PHP_SAPI === 'cli' || !defined('SB') || realpath((string) ($_SERVER['SCRIPT_FILENAME'] ?? '')) !== SB . 'index.php') {
                return;
            }
            $page = Placement::pageKind($_GET, $_SERVER);
            $sidecarUrl = Settings::sidecarUrl();
            if ($page === null || $sidecarUrl === '' || Settings::secret() === '') {
                return;
            }
            $lang = Placement::opacLang();
            $theme = Placement::theme();
            $placements = Placement::forPage($page);
            Placement::buffer('placing widgets in the OPAC', static function (string $html) use ($sidecarUrl, $lang, $theme, $page, $placements) {
                $session = isset($_SESSION) && is_array($_SESSION) ? $_SESSION : [];
                $head = strpos($html, '</head>');
                if ($head === false) {
                    return $html;
                }
                $html = substr($html, 0, $head) . self::scripts($session, $sidecarUrl, $lang) . substr($html, $head);
                return Placement::inject($html, $theme, $page['kind'], Placement::forVisitor($placements, self::current($session) !== null), $lang);
            });
        });
    }
}
