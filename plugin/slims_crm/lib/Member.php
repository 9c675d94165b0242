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
    public static function scripts(array $session, string $sidecarUrl): string
    {
        $html = '';
        $payload = self::tokenPayload($session);
        if ($payload['token'] !== null) {
            $html .= '<script>window.SlimsCRM=Object.assign(window.SlimsCRM||{},{memberToken:'
                . Json::forScript($payload['token']) . '})</script>';
            // Where the widgets renew the token when it runs out while the member stays on a page.
            $base = defined('SWB') ? (string) SWB : '';
            $html .= '<meta name="slims-crm-token-url" content="' . I18n::e($base . 'index.php?p=slims_crm_token') . '">';
        }
        $loader = $sidecarUrl . '/widgets/slims-crm.js';
        return $html . '<script type="module" src="' . I18n::e($loader) . '" async></script>';
    }

    /**
     * CONTENT_BEFORE_LOAD handler. Never throws: the OPAC must render even if the CRM is misconfigured.
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
            Csp::allowSidecar($opac, Settings::sidecarOrigin());
            // Opac has __get/__set but no __isset, so `??` would always see null: read, then write.
            $current = $opac->js;
            $opac->js = (is_string($current) ? $current : '') . self::scripts($_SESSION ?? [], $sidecarUrl);
        });
    }
}
