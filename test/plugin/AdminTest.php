<?php
// Admin pages: settings (secret kept in `setting`, shown masked, prepared SQL) and the staff app host.

use SlimsCrm\Settings;
use SlimsCrm\Token;

const ADMIN_PAGES = __DIR__ . '/../../plugin/slims_crm/pages/';

test('secret: generated on first use (64 hex), stored serialized in setting via prepared statements', static function () {
    $secret = Settings::secret();
    ok(preg_match('/^[0-9a-f]{64}$/', $secret) === 1, 'random_bytes(32) hex');
    Settings::reset();
    same($secret, Settings::secret(), 'read back from the setting table');
    same(['sidecarUrl' => '', 'secret' => $secret], unserialize(SLiMS\DB::$pdo->settings['slims_crm']));
    ok(count(SLiMS\DB::$pdo->log) >= 2, 'queries recorded');
    foreach (SLiMS\DB::$pdo->log as $query) {
        ok($query['prepared'], 'prepared: ' . $query['sql']);
        not_contains($secret, $query['sql'], 'values are bound, not in the SQL');
        ok(preg_match('/^(SELECT setting_value FROM setting WHERE setting_name = \?|INSERT INTO setting \(setting_name, setting_value\) VALUES \(\?, \?\)|UPDATE setting SET setting_value = \? WHERE setting_name = \? AND setting_value = \?$)/', $query['sql']) === 1, $query['sql']);
    }
});

test('secret: a first use that loses the race to another request keeps the winner\'s secret, not its own', static function () {
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => '']);
    Settings::all();
    // Another request generated and stored its secret after this one read the empty settings.
    SLiMS\DB::$pdo->settings['slims_crm'] = serialize(['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('7', 64)]);
    same(str_repeat('7', 64), Settings::secret(), 'the stored one, read back');
    Harness::reset();
    Settings::all();
    SLiMS\DB::$pdo->settings['slims_crm'] = serialize(['sidecarUrl' => '', 'secret' => str_repeat('8', 64)]);
    same(str_repeat('8', 64), Settings::secret(), 'no row when read: the insert fails and the row there wins');
});

test('settings page: refused without membership write privilege, with SLiMS\'s refusal box', static function () {
    Harness::staffSession(5, ['membership' => ['r' => 1, 'w' => 0]]);
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('<div class="errorBox">', $html);
    not_contains('<form', $html);
});

test('settings page: shows only the last 4 characters of the secret', static function () {
    $secret = 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345wxyz';
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => $secret]);
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('…wxyz', $html);
    not_contains(substr($secret, 0, 12), $html);
    contains('value="https://crm.example"', $html);
    contains('Test connection', $html);
});

test('settings page: saves the URL and generates a new secret on request (never takes one typed in); bad form token and bad URL refused', static function () {
    Harness::reset(['sidecarUrl' => '', 'secret' => str_repeat('a', 64)]);
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    $_SERVER['REQUEST_METHOD'] = 'POST';
    $_POST = ['slims_crm_action' => 'save', 'slims_crm_form' => 'forged', 'sidecarUrl' => 'https://crm.example'];
    contains('The form has expired', Harness::runPage(ADMIN_PAGES . 'settings.php'));
    same('', Settings::sidecarUrl());
    $_POST['slims_crm_form'] = $_SESSION['slims_crm_form'];
    $_POST['sidecarUrl'] = 'javascript:alert(1)';
    contains('must start with http', Harness::runPage(ADMIN_PAGES . 'settings.php'));
    $_POST['sidecarUrl'] = 'https://crm.example/';
    $_POST['secret'] = str_repeat('b', 40);
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('Settings saved.', $html);
    Settings::reset();
    same('https://crm.example', Settings::sidecarUrl());
    same(str_repeat('a', 64), Settings::secret(), 'a typed secret is not a path: the sidecar reads the plugin\'s');
    $_POST['newSecret'] = '1';
    contains('picks up the new secret by itself', Harness::runPage(ADMIN_PAGES . 'settings.php'));
    Settings::reset();
    ok(preg_match('/^[0-9a-f]{64}$/', Settings::secret()) === 1 && Settings::secret() !== str_repeat('a', 64), 'a new random secret');
});

test('test connection: Connected only when a signed ping comes back with the proof; version, database and clock from /api/v1/health', static function () {
    Harness::reset(['sidecarUrl' => Sidecar::url(), 'secret' => Sidecar::SECRET]);
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    $_SERVER['REQUEST_METHOD'] = 'POST';
    $_POST = ['slims_crm_action' => 'test', 'slims_crm_form' => SlimsCrm\Admin::formToken()];
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('data-paired="1"', $html);
    contains('Connected', $html);
    contains('Both sides hold the same secret.', $html);
    contains('0.1.0-fixture', $html);
    contains('>OK<', $html);
    ok(preg_match('/\+1(19|20|21) seconds/', $html) === 1, 'fixture clock is 120 s ahead');
    contains('tokens will be refused', $html);
});

test('test connection with different secrets: Not connected, and what to change', static function () {
    Harness::reset(['sidecarUrl' => Sidecar::url(), 'secret' => str_repeat('9', 64)]);
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    $_SERVER['REQUEST_METHOD'] = 'POST';
    $_POST = ['slims_crm_action' => 'test', 'slims_crm_form' => SlimsCrm\Admin::formToken()];
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('data-paired="0"', $html);
    contains('Not connected', $html);
    contains('Remove CRM_SECRET from its environment', $html);
});

test('test connection with the sidecar down: Not connected, no exception', static function () {
    Harness::reset(['sidecarUrl' => 'http://127.0.0.1:9', 'secret' => str_repeat('a', 64)]);
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    $_SERVER['REQUEST_METHOD'] = 'POST';
    $_POST = ['slims_crm_action' => 'test', 'slims_crm_form' => SlimsCrm\Admin::formToken()];
    contains('Not connected', Harness::runPage(ADMIN_PAGES . 'settings.php'));
});

test('Indonesian: bundled text when SLiMS runs in id_ID; SLiMS\'s own __() translation wins', static function () {
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('a', 64)], 'id_ID');
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    Harness::$translations = ['Save' => 'Simpan (SLiMS)'];
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('Uji koneksi', $html);
    contains('Pengaturan CRM', $html);
    contains('Simpan (SLiMS)', $html);
});

test('staff app: refused without membership read privilege', static function () {
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('a', 64)]);
    Harness::staffSession(5, ['bibliography' => ['r' => 1, 'w' => 1]]);
    $html = Harness::runPage(ADMIN_PAGES . 'staff_app.php');
    contains('<div class="errorBox">', $html);
    not_contains('slims-crm-admin', $html);
});

test('staff app: element with api, lang and a staff token from the session; refresh script', static function () {
    $secret = str_repeat('c', 64);
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => $secret], 'id_ID');
    Harness::staffSession(5, ['membership' => ['r' => 1, 'w' => 0, 'menus' => []], 'circulation' => ['r' => 1, 'w' => 1]]);
    $html = Harness::runPage(ADMIN_PAGES . 'staff_app.php');
    contains("script.type = 'module';", $html);
    contains('"https://crm.example/widgets/slims-crm-admin.js"', $html);
    ok(preg_match('#<slims-crm-admin api="https://crm\.example" token="([\w.-]+)" lang="id" host="slims"></slims-crm-admin>#', $html, $m) === 1, $html);
    $claims = Token::verify($m[1], $secret);
    same('staff', $claims['typ']);
    same('5', $claims['sub']);
    same('Staf 5', $claims['name']);
    same(['membership' => ['r' => true, 'w' => false], 'circulation' => ['r' => true, 'w' => true]], $claims['priv']);
    contains('slims_crm=token', $html, 'refresh URL');
    contains('seconds - 60', $html, 'refreshes a minute early');
    ok(preg_match('#\}\)\([^\n]*slims_crm=token[^\n]*, (\d+),#', $html, $n) === 1 && (int) $n[1] > 800 && (int) $n[1] <= 900, 'the lifetime in seconds, not a timestamp');
    contains('schedule(expiresIn);', $html, 'the first renewal is scheduled from the lifetime given');
    contains('slims-admin-token-expired', $html, 'a refused call renews at once');
});

test('staff token for uid 1 covers every module read/write', static function () {
    $priv = SlimsCrm\Staff::privileges(['uid' => 1, 'priv' => ['membership' => ['r' => 1, 'w' => 0]]]);
    foreach (SlimsCrm\Staff::CORE_MODULES as $module) {
        same(['r' => true, 'w' => true], $priv[$module], $module);
    }
});

test('staff token endpoint: fresh JSON token, 403 without privilege', static function () {
    $settings = ['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('d', 64)];
    $session = ['uid' => 3, 'realname' => 'Sri', 'checksum' => 'ok', 'priv' => ['membership' => ['r' => 1, 'w' => 1]]];
    $answer = run_page_process(['page' => 'staff_app.php', 'settings' => $settings, 'session' => $session, 'get' => ['slims_crm' => 'token']]);
    same(200, $answer['status']);
    ok(in_array('Cache-Control: no-store', $answer['headers'], true), 'no-store');
    $body = json_decode($answer['body'], true);
    same('3', Token::verify($body['token'], str_repeat('d', 64))['sub']);
    ok($body['exp'] > time(), 'exp');
    $session['priv'] = [];
    $refused = run_page_process(['page' => 'staff_app.php', 'settings' => $settings, 'session' => $session, 'get' => ['slims_crm' => 'token']]);
    same(403, $refused['status']);
    same('forbidden', json_decode($refused['body'], true)['error']['code']);
});

test('staff app: every <script> is classic, so SLiMS\'s AJAX loader (jQuery 2 .html()) runs them all', static function () {
    // Regression: found in a real SLiMS 9.7. Admin pages are inserted with jQuery 2.1.4's .html(), which
    // evaluates only scripts whose type is empty or JavaScript and drops <script type="module">, so the
    // staff app's element was never defined.
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('c', 64)]);
    Harness::staffSession(5, ['membership' => ['r' => 1, 'w' => 0]]);
    $html = Harness::runPage(ADMIN_PAGES . 'staff_app.php');
    ok(preg_match_all('#<script\b([^>]*)>#i', $html, $m) >= 2, 'loader and refresh scripts');
    foreach ($m[1] as $attributes) {
        ok(preg_match('#\btype\s*=\s*["\']?(?!text/javascript)#i', $attributes) !== 1, 'not classic: <script' . $attributes . '>');
        not_contains('src=', $attributes, 'external scripts go through jQuery\'s synchronous XHR as classic scripts');
    }
});

test('settings: the secret is never printed nor asked for (no field a browser could fill with a saved password)', static function () {
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('d', 60) . 'wxyz']);
    Harness::staffSession(1, ['membership' => ['r' => 1, 'w' => 1]]);
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    not_contains('type="password"', $html);
    not_contains(str_repeat('d', 12), $html);
    contains('…wxyz', $html);
    contains('CRM_DATABASE_URL=&#039;mysql://slims_crm:', $html, 'the one command that starts the sidecar');
    not_contains('CRM_SECRET=', $html);
});

test('settings page: takes System write privilege; Membership write alone is refused', static function () {
    Harness::reset(['sidecarUrl' => 'https://crm.example', 'secret' => str_repeat('a', 64)]);
    Harness::staffSession(7, ['membership' => ['r' => 1, 'w' => 1]]);
    $html = Harness::runPage(ADMIN_PAGES . 'settings.php');
    contains('enough privileges to access this area', $html);
    not_contains('Test connection', $html);
    Harness::staffSession(7, ['membership' => ['r' => 1, 'w' => 1], 'system' => ['r' => 1, 'w' => 1]]);
    contains('Test connection', Harness::runPage(ADMIN_PAGES . 'settings.php'));
});

test('settings: a sidecar URL that could widen the CSP or break out of a tag is refused', static function () {
    foreach (['https://evil.example *', 'https://evil.example;script-src *', 'https://evil.example"x', "https://a.example'", 'https://user@evil.example', 'ftp://x.example'] as $bad) {
        same(false, Settings::isValidUrl($bad), $bad);
    }
    foreach (['https://crm.perpus.go.id', 'http://127.0.0.1:8787', 'https://crm.example/slims-crm', 'http://[::1]:3000'] as $good) {
        same(true, Settings::isValidUrl($good), $good);
    }
});
