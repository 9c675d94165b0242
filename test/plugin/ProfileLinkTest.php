<?php
// "Profil CRM" on SLiMS's member list and member edit form: the membership_init hook buffers the page and adds
// a link per member to the staff app's profile (pages/staff_app.php?…&member=<card number>).

use SlimsCrm\ProfileLink;

const CRM_SETTINGS = ['sidecarUrl' => 'https://crm.example', 'secret' => 'profile-link-secret-0123456789abcdef0123456789'];

/** A member list row as SLiMS's datagrid prints it; with Membership write it starts with the delete box and the edit link. */
function member_row(string $id, string $name, bool $write, int $n): string
{
    $cells = $write
        ? '<td align="center" valign="top" style="width: 5%;"><input class="selected-row" type="checkbox" name="itemID[]" value="' . $id . '" id="cbRow' . $n . '" /></td>'
            . '<td align="center" valign="top" style="width: 5%;"><a class="editLink" href="/admin/modules/membership/index.php?itemID=' . $id . '&detail=true&" postdata="itemID=' . $id . '&detail=true" title="Edit">&nbsp;</a></td>'
        : '';
    return '<tr class="alterCell' . ($n % 2 === 0 ? '' : '2') . '">' . $cells . '<td valign="top">' . $id . '</td>'
        . "<td valign=\"top\"><div class=\"media\">\n<div class=\"media-body\"><div class=\"title\">{$name}</div></div>\n</div></td>"
        . '<td valign="top">Standard</td><td valign="top">2026-12-04</td></tr>' . "\n";
}

/** @param array<string, string> $members card number => name */
function member_list(array $members, bool $write): string
{
    $header = $write ? '<td >DELETE</td><td >EDIT</td>' : '';
    $html = '<div class="menuBox"><h2>Membership</h2></div><table id="dataList" class="s-table table">'
        . '<tr class="dataListHeader" style="font-weight: bold;">' . $header . '<td ><a href="?fld=id">Member ID</a></td><td >Member Name</td><td >Membership Type</td><td >Last Updated</td></tr>' . "\n";
    $n = 1;
    foreach ($members as $id => $name) {
        $html .= member_row($id, $name, $write, $n++);
    }
    return $html . '</table>';
}

function edit_form(string $id): string
{
    return '<div class="infoBox"><div>You are going to edit member data : <strong>Dewi</strong></div></div>'
        . '<form name="mainForm" id="mainForm" class="simbio_form_maker disabled" method="post" action="/admin/modules/membership/index.php?itemID=' . $id . '&detail=true&">'
        . '<input type="text" name="memberID" id="memberID" value="' . $id . '" /></form>';
}

/** membership/index.php as SLiMS runs it: the plugin's membership_init hook, then the page's output. */
function membership_page(string $html): string
{
    $level = ob_get_level();
    ob_start();
    $plugins = SLiMS\Plugins::getInstance();
    if (!isset($plugins->hooks['membership_init'])) {
        Harness::loadPlugin(); // once per request, as SLiMS loads it
    }
    $plugins->execute('membership_init');
    echo $html;
    while (ob_get_level() > $level + 1) {
        ob_end_flush();
    }
    return (string) ob_get_clean();
}

/** @return array<int, string> the card numbers the page's CRM profile links open, in order */
function linked_members(string $html): array
{
    preg_match_all('~<a href="plugin_container\.php\?mod=membership&amp;id=([0-9a-f]{32})&amp;member=([^"]*)"[^>]*>([^<]*)</a>~', $html, $m, PREG_SET_ORDER);
    $staffApp = md5((string) realpath(__DIR__ . '/../../plugin/slims_crm/pages/staff_app.php'));
    return array_map(static function ($link) use ($staffApp) {
        same($staffApp, $link[1], 'the staff app page\'s plugin_container id');
        return urldecode(html_entity_decode($link[2]));
    }, $m);
}

function librarian(bool $write = true): void
{
    Harness::staffSession(4, ['membership' => ['r' => 1, 'w' => $write ? 1 : 0]]);
}

test('member list (Membership write): a "CRM profile" link in each member\'s card number cell, the header untouched', static function () {
    Harness::reset(CRM_SETTINGS);
    librarian();
    $members = ['M0001' => 'Dewi Anggraini', 'M-02/B' => 'Budi Santoso', 'A&B 7' => 'Citra'];
    $page = member_list($members, true);
    $html = membership_page($page);
    same(array_keys($members), linked_members($html));
    contains('<td valign="top">M0001<div class="slims-crm-profile"><a href="plugin_container.php?mod=membership&amp;id=', $html);
    contains('&amp;member=M-02%2FB" data-slims-crm-member="M-02/B" title="Open this member&#039;s profile in the CRM app">CRM profile</a></div></td>', $html);
    contains('data-slims-crm-member="A&amp;B 7"', $html);
    contains('&amp;member=A%26B+7"', $html, 'a card number is a query value, encoded');
    same(substr($page, 0, strpos($page, '<tr class="alterCell2">')), substr($html, 0, strpos($html, '<tr class="alterCell2">')), 'everything before the first row as it was');
    same(3, substr_count($html, 'class="slims-crm-profile"'));
    same(1, substr_count($html, ProfileLink::ROUTE_ON_CLICK), 'the route follows a click, with one listener for the page');
    ok(substr($html, -strlen(ProfileLink::ROUTE_ON_CLICK)) === ProfileLink::ROUTE_ON_CLICK, 'after the list');
});

test('member list (Membership read only): the card number is the first cell, and the link goes there', static function () {
    Harness::reset(CRM_SETTINGS);
    librarian(false);
    $html = membership_page(member_list(['M0001' => 'Dewi', 'M0002' => 'Budi'], false));
    same(['M0001', 'M0002'], linked_members($html));
    contains('<tr class="alterCell2"><td valign="top">M0001<div class="slims-crm-profile">', $html);
});

test('member list in Indonesian: "Profil CRM"', static function () {
    Harness::reset(CRM_SETTINGS, 'id_ID');
    librarian();
    $html = membership_page(member_list(['M0001' => 'Dewi'], true));
    contains('>Profil CRM</a>', $html);
    contains('title="Buka profil anggota ini di aplikasi CRM"', $html);
});

test('no link without Membership read, before the CRM is configured, or on SLiMS\'s saves and deletes', static function () {
    $page = member_list(['M0001' => 'Dewi'], true);
    Harness::reset(CRM_SETTINGS);
    Harness::staffSession(4, ['circulation' => ['r' => 1, 'w' => 1]]);
    same($page, membership_page($page), 'no Membership read');
    Harness::reset(['sidecarUrl' => '', 'secret' => CRM_SETTINGS['secret']]);
    librarian();
    same($page, membership_page($page), 'no sidecar URL yet');
    Harness::reset(CRM_SETTINGS);
    librarian();
    $_SERVER['REQUEST_METHOD'] = 'POST';
    $_POST = ['saveData' => 'Save', 'memberID' => 'M0001'];
    $level = ob_get_level();
    $saved = membership_page('<script>top.toastr.success("New Member Data Successfully Saved")</script>');
    same('<script>top.toastr.success("New Member Data Successfully Saved")</script>', $saved);
    same($level, ob_get_level(), 'no buffer left open');
    $_POST = ['itemID' => ['M0001'], 'itemAction' => 'true'];
    same($page, membership_page($page), 'a delete');
});

test('a page whose markup is not the member list SLiMS prints passes through unchanged', static function () {
    Harness::reset(CRM_SETTINGS);
    librarian();
    foreach ([
        '<div class="errorBox">You dont have enough privileges to view this section</div>',
        '<table id="dataList"><tr class="row-one"><td>M0001</td></tr></table>',
        '<table id="dataList"><tr class="alterCell"><td><b>M0001</b></td></tr></table>',
        '<table id="dataList"><tr class="alterCell"><td>' . str_repeat('9', 21) . '</td></tr></table>',
        member_row('M0001', 'Dewi', true, 1),
    ] as $page) {
        same($page, membership_page($page));
    }
});

test('edit form: the link above the form, for the member as SLiMS stores it; none on the add form or for an unknown member', static function () {
    Harness::reset(CRM_SETTINGS);
    librarian();
    SLiMS\DB::$pdo->members = ['M0001', 'M-02/B'];
    $_SERVER['REQUEST_METHOD'] = 'POST';
    $_GET = ['itemID' => 'm0001', 'detail' => 'true'];
    $_POST = ['itemID' => 'm0001', 'detail' => 'true'];
    $html = membership_page(edit_form('M0001'));
    same(['M0001'], linked_members($html));
    contains('<div class="slims-crm-profile my-2"><a href="plugin_container.php?', $html);
    contains('class="s-btn btn btn-default" data-slims-crm-member="M0001" title="Open this member&#039;s profile in the CRM app">CRM profile</a></div><form name="mainForm"', $html);
    same(1, substr_count($html, ProfileLink::ROUTE_ON_CLICK));
    $lookups = array_values(array_filter(SLiMS\DB::$pdo->log, static function ($query) {
        return strpos($query['sql'], 'FROM member ') !== false;
    }));
    same([['sql' => 'SELECT member_id FROM member WHERE member_id = ?', 'params' => ['m0001'], 'prepared' => true]], $lookups);
    $_POST = ['itemID' => 'M-02/B ', 'detail' => 'true'];
    same(['M-02/B'], linked_members(membership_page(edit_form('M-02/B'))));
    $_POST = ['itemID' => 'M9999', 'detail' => 'true'];
    same([], linked_members(membership_page(edit_form('M9999'))), 'unknown: SLiMS shows the add form');
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_GET = ['action' => 'detail'];
    $_POST = [];
    same(edit_form(''), membership_page(edit_form('')), 'the add form');
    SLiMS\DB::$pdo->log = [];
    $_POST = ['itemID' => ['M0001'], 'detail' => 'true'];
    same(edit_form('M0001'), membership_page(edit_form('M0001')), 'an itemID that is not text');
    same([], SLiMS\DB::$pdo->log, 'not even looked up');
});

test('which member screen a request draws, as membership/index.php decides it', static function () {
    $get = ['REQUEST_METHOD' => 'GET'];
    $post = ['REQUEST_METHOD' => 'POST'];
    same(['kind' => 'list', 'id' => null], ProfileLink::screen([], [], $get));
    same(['kind' => 'list', 'id' => null], ProfileLink::screen(['keywords' => 'dewi', 'expire' => 'true'], [], $get));
    same(['kind' => 'edit', 'id' => 'M0001'], ProfileLink::screen(['itemID' => 'M0001', 'detail' => 'true'], ['itemID' => 'M0001', 'detail' => 'true'], $post));
    same(null, ProfileLink::screen(['action' => 'detail'], [], $get), 'the add form');
    same(null, ProfileLink::screen([], ['saveData' => 'Save'], $post), 'a save');
    same(null, ProfileLink::screen([], ['removeImage' => 'true', 'mimg' => 'M0001'], $post));
    same(null, ProfileLink::screen(['expire' => '1'], ['batchExtend' => 'true', 'itemID' => ['M0001']], $post));
    same(null, ProfileLink::screen(['action' => ['detail']], ['itemID' => ['x'], 'detail' => 'true'], $post));
    same(null, ProfileLink::screen([], ['detail' => 'true', 'itemID' => str_repeat('x', 21)], $post));
});

test('staff app page opened from a CRM profile link: the member\'s profile route, set before the app reads its URL', static function () {
    Harness::reset(CRM_SETTINGS);
    librarian(false);
    $_GET = ['mod' => 'membership', 'member' => 'M-02/B "x"'];
    $html = Harness::runPage(ADMIN_PAGES . 'staff_app.php');
    contains("var hash = '#/members/' + encodeURIComponent(member);", $html);
    contains('})("M-02/B \u0022x\u0022");', $html, 'the card number as a script value');
    ok(strpos($html, 'encodeURIComponent(member)') < strpos($html, '<slims-crm-admin '), 'before the element');
    foreach ([['member' => str_repeat('1', 21)], ['member' => ['M0001']], ['member' => ''], []] as $query) {
        $_GET = $query;
        not_contains('#/members/', Harness::runPage(ADMIN_PAGES . 'staff_app.php'), json_encode($query));
    }
});
