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

test('hooks: content before load, circulation, membership (and its member screens), bibliography (both delete names)', static function () {
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
        'membership_init',
    ], $hooks);
});

test('loading the plugin prints nothing and touches no database', static function () {
    ob_start();
    Harness::loadPlugin();
    same('', ob_get_clean());
    same([], SLiMS\DB::$pdo->log);
});

test('every string a librarian sees in the plugin has Indonesian text', static function () {
    $indonesian = require __DIR__ . '/../../plugin/slims_crm/lib/lang/id.php';
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator(__DIR__ . '/../../plugin/slims_crm', FilesystemIterator::SKIP_DOTS));
    $seen = 0;
    foreach ($files as $file) {
        if ($file->getExtension() !== 'php') {
            continue;
        }
        preg_match_all("/I18n::[th]\\(\\s*'((?:[^'\\\\]|\\\\.)*)'/", (string) file_get_contents($file->getPathname()), $m);
        foreach ($m[1] as $literal) {
            $english = str_replace(["\\'", '\\\\'], ["'", '\\'], $literal);
            $seen++;
            ok(isset($indonesian[$english]), basename($file->getPathname()) . ': no Indonesian for "' . $english . '"');
        }
    }
    ok($seen > 40, "found {$seen} strings");
});
