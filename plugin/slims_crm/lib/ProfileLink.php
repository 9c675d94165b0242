<?php
/**
 * "Profil CRM" on SLiMS's own member screens: a link per member in Membership's member list and on the member
 * edit form, opening the staff app's profile of that member. No SLiMS file is changed: the membership_init
 * hook (9.4.2 to 9.7) starts an output buffer, and the links go in at markup both versions print; where the
 * markup is not there, the page goes out as it came.
 */

namespace SlimsCrm;

final class ProfileLink
{
    /** SLiMS's member_id is varchar(20): a longer "card number" did not come from SLiMS. */
    const MAX_ID_CHARS = 20;

    /**
     * A click on a link puts the member's route in the admin page's URL before SLiMS loads the staff app, so
     * the app reads it when it starts and asks the sidecar for that profile only (an app that started on the
     * route before would read that member's profile too, and the audit log would say so). The staff app page
     * sets the route itself as well, for a link opened in a new tab. One listener per admin page: SLiMS loads
     * its screens into the same page.
     */
    const ROUTE_ON_CLICK = <<<'HTML'
<script>
(function () {
  var crm = window.SlimsCRM = window.SlimsCRM || {};
  if (crm.profileLinks) return;
  crm.profileLinks = true;
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a[data-slims-crm-member]') : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var hash = '#/members/' + encodeURIComponent(link.getAttribute('data-slims-crm-member'));
    history.replaceState(history.state, '', location.href.split('#')[0] + hash);
  }, true);
})();
</script>
HTML;

    /**
     * membership_init handler: runs at the top of admin/modules/membership/index.php, after SLiMS's own read
     * privilege check, for every request of that page (the list, the forms, saves, deletes).
     */
    public static function membershipInit(): void
    {
        Guard::run('the CRM profile links', static function () {
            $screen = self::screen($_GET, $_POST, $_SERVER);
            if ($screen === null || !Admin::can('r') || Settings::sidecarUrl() === '') {
                return;
            }
            // Worked out now: when the buffer ends, SLiMS's globals are being torn down.
            $link = ['label' => I18n::t('CRM profile'), 'title' => I18n::t('Open this member\'s profile in the CRM app'), 'url' => self::staffAppUrl()];
            if ($screen['kind'] === 'list') {
                Placement::buffer('adding the CRM profile links', static function (string $html) use ($link) {
                    return self::intoList($html, $link);
                });
                return;
            }
            $member = self::storedId($screen['id']);
            if ($member !== null) {
                Placement::buffer('adding the CRM profile link', static function (string $html) use ($link, $member) {
                    return self::intoEditForm($html, $link, $member);
                });
            }
        });
    }

    /**
     * Which of SLiMS's member screens this request draws, as membership/index.php decides it: the edit form
     * of a member (a POST with detail and itemID, what the list's edit link sends), or the member list (a GET
     * without action=detail: the list, a search, the expired members, a page of them). null for the rest
     * (the add form, saves, deletes, the batch extension, removing a photo).
     *
     * @param array<string, mixed> $get
     * @param array<string, mixed> $post
     * @param array<string, mixed> $server
     * @return array{kind: string, id: string|null}|null
     */
    public static function screen(array $get, array $post, array $server): ?array
    {
        $form = isset($post['detail']) || ($get['action'] ?? null) === 'detail';
        if ($form) {
            $id = is_string($post['itemID'] ?? null) ? trim($post['itemID']) : '';
            return self::isCardNumber($id) ? ['kind' => 'edit', 'id' => $id] : null;
        }
        $method = strtoupper((string) ($server['REQUEST_METHOD'] ?? 'GET'));
        return $method === 'GET' ? ['kind' => 'list', 'id' => null] : null;
    }

    /**
     * The member list with the link under each member's card number. A row is one of SLiMS's datagrid rows
     * (class alterCell or alterCell2); its card number is the delete box's value (Membership write) or else
     * the row's first cell (read only), and the link goes into the cell that shows that number.
     *
     * @param array{label: string, title: string, url: string} $link
     */
    public static function intoList(string $html, array $link): string
    {
        if (strpos($html, 'id="dataList"') === false) {
            return $html;
        }
        $rows = preg_replace_callback('~<tr\b[^>]*\bclass="alterCell2?"[^>]*>.*?</tr>~s', static function (array $row) use ($link) {
            return self::intoRow($row[0], $link);
        }, $html);
        return is_string($rows) && $rows !== $html ? $rows . self::ROUTE_ON_CLICK : $html;
    }

    /**
     * The edit form with the link above it (before SLiMS's mainForm), for the member being edited.
     *
     * @param array{label: string, title: string, url: string} $link
     */
    public static function intoEditForm(string $html, array $link, string $member): string
    {
        if (!preg_match('~<form\b[^>]*\bid="mainForm"~', $html, $form, PREG_OFFSET_CAPTURE)) {
            return $html;
        }
        $block = '<div class="slims-crm-profile my-2">' . self::anchor($link, $member, 's-btn btn btn-default') . '</div>';
        return substr($html, 0, $form[0][1]) . $block . substr($html, $form[0][1]) . self::ROUTE_ON_CLICK;
    }

    /** Whether $id can be a SLiMS card number: 1 to 20 characters of text. */
    public static function isCardNumber(string $id): bool
    {
        return $id !== '' && preg_match('/^[^\x00-\x1f\x7f]{1,' . self::MAX_ID_CHARS . '}$/u', $id) === 1;
    }

    /** @param array{label: string, title: string, url: string} $link */
    private static function intoRow(string $row, array $link): string
    {
        if (preg_match('~<input\b[^>]*\bname="itemID\[\]"[^>]*\bvalue="([^"]*)"~', $row, $box)) {
            $printed = $box[1];
        } elseif (preg_match('~^<tr\b[^>]*>\s*<td\b[^>]*>([^<]*)</td>~', $row, $first)) {
            $printed = $first[1];
        } else {
            return $row;
        }
        $member = trim(html_entity_decode($printed, ENT_QUOTES | ENT_HTML5, 'UTF-8'));
        if (!self::isCardNumber($member)
            || !preg_match('~<td\b[^>]*>\s*' . preg_quote($printed, '~') . '\s*(</td>)~', $row, $cell, PREG_OFFSET_CAPTURE)) {
            return $row;
        }
        $at = $cell[1][1];
        return substr($row, 0, $at) . '<div class="slims-crm-profile">' . self::anchor($link, $member, '') . '</div>' . substr($row, $at);
    }

    /**
     * A link SLiMS's admin opens in its main area (its own AJAX loader), like its submenu links.
     *
     * @param array{label: string, title: string, url: string} $link
     */
    private static function anchor(array $link, string $member, string $class): string
    {
        $href = $link['url'] . '&' . http_build_query(['member' => $member]);
        return '<a href="' . I18n::e($href) . '"' . ($class === '' ? '' : ' class="' . $class . '"')
            . ' data-slims-crm-member="' . I18n::e($member) . '" title="' . I18n::e($link['title']) . '">' . I18n::e($link['label']) . '</a>';
    }

    /** The staff app page (pages/staff_app.php), as its Membership menu entry opens it. */
    private static function staffAppUrl(): string
    {
        return Admin::pageUrl(dirname(__DIR__) . '/pages/staff_app.php');
    }

    /** The member as SLiMS stores it (the form shows that one), or null when there is none: the add form. */
    private static function storedId(string $id): ?string
    {
        $rows = Db::rows('SELECT member_id FROM member WHERE member_id = ?', [$id]);
        $stored = $rows[0]['member_id'] ?? null;
        return is_string($stored) && self::isCardNumber($stored) ? $stored : null;
    }
}
