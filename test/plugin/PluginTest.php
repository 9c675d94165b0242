<?php
// The plugin file registers menus and hooks, feature-detected, and nothing else.

test('admin menus: CRM app and CRM settings in Membership, grouped as CRM', static function () {
    $plugins = Harness::loadPlugin();
    $labels = array_map(static function ($menu) {
        return $menu[0];
    }, array_values($plugins->getMenus('membership')));
    same(['CRM app', 'CRM settings'], $labels);
    same([['CRM app', 'CRM'], ['CRM settings', 'CRM']], $plugins->groups);
    foreach ($plugins->getMenus('membership') as $menu) {
        ok(is_file($menu[3]), 'page file exists: ' . $menu[3]);
    }
});

test('OPAC page slims_crm_token is registered', static function () {
    $menus = Harness::loadPlugin()->getMenus('opac');
    ok(isset($menus['slims_crm_token']), 'opac menu');
    same('member_token.php', basename($menus['slims_crm_token'][3]));
});

test('hooks: content before load, circulation, membership, bibliography (both delete names)', static function () {
    $hooks = array_keys(Harness::loadPlugin()->hooks);
    sort($hooks);
    same([
        'before_content_load',
        'bibliography_after_delete',
        'bibliography_after_save',
        'bibliography_after_update',
        'bibliography_on_delete',
        'circulation_after_successful_transaction',
        'membership_after_save',
        'membership_after_update',
    ], $hooks);
});

test('loading the plugin prints nothing and touches no database', static function () {
    ob_start();
    Harness::loadPlugin();
    same('', ob_get_clean());
    same([], SLiMS\DB::$pdo->log);
});
