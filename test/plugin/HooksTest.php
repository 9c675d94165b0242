<?php
// Hooks: signed webhooks with trimmed payloads; a down or hung sidecar never throws or blocks past the timeout.

use SlimsCrm\Webhook;

function circulation_receipt(): array
{
    // The shape SLiMS passes: $_SESSION['receipt_record'] plus the logged-in names.
    return ['data' => [
        'memberID' => 'M000001', 'memberName' => 'Siti', 'memberType' => 'Standard', 'date' => '2026-11-23 10:00:00',
        'loan' => [['loan_id' => 41, 'itemCode' => 'B00001', 'title' => 'PHP 5 for dummies', 'loanDate' => '2026-11-23', 'dueDate' => '2026-11-30']],
        'return' => [['loan_id' => 12, 'item_code' => 'B00002', 'itemCode' => 'B00002', 'returnDate' => '2026-11-23', 'overdues' => false]],
        'extend' => [],
        'loggedin_user_id' => 'M000001', 'loggedin_user_name' => 'Admin',
    ]];
}

test('circulation hook with the sidecar down (127.0.0.1:9): no exception, no output, fast', static function () {
    Harness::reset(['sidecarUrl' => 'http://127.0.0.1:9', 'secret' => str_repeat('a', 64)]);
    Harness::loadPlugin();
    $log = ini_set('error_log', '/dev/null');
    ob_start();
    $started = microtime(true);
    SLiMS\Plugins::getInstance()->execute('circulation_after_successful_transaction', circulation_receipt());
    $seconds = microtime(true) - $started;
    ini_set('error_log', (string) $log);
    same('', ob_get_clean(), 'nothing printed at the circulation desk');
    ok($seconds < Webhook::TIMEOUT + 0.3, "returned in {$seconds}s");
});

test('hung sidecar (accepts, never answers): the hook returns after the 1.5 s total timeout', static function () {
    [$server, $url] = silent_sidecar();
    Harness::reset(['sidecarUrl' => $url, 'secret' => str_repeat('a', 64)]);
    Harness::loadPlugin();
    $log = ini_set('error_log', '/dev/null');
    $started = microtime(true);
    SLiMS\Plugins::getInstance()->execute('circulation_after_successful_transaction', circulation_receipt());
    $seconds = microtime(true) - $started;
    ini_set('error_log', (string) $log);
    fclose($server);
    ok($seconds >= 1.0 && $seconds < Webhook::TIMEOUT + 0.5, "returned in {$seconds}s");
});

test('a bulk delete with a hung sidecar costs one timeout, not one per title, and the pause carries over', static function () {
    [$server, $url] = silent_sidecar();
    Harness::reset(['sidecarUrl' => $url, 'secret' => str_repeat('a', 64)]);
    Harness::loadPlugin();
    $log = ini_set('error_log', '/dev/null');
    $started = microtime(true);
    for ($id = 9001; $id <= 9010; $id++) {
        SLiMS\Plugins::getInstance()->execute('bibliography_after_delete', [$id]);
    }
    $seconds = microtime(true) - $started;
    // A later request (the static state gone) still skips the silent sidecar for a while.
    $again = Webhook::send($url, 'k', Webhook::event('member.saved', ['memberId' => 'M1']));
    ini_set('error_log', (string) $log);
    fclose($server);
    ok($seconds < Webhook::TIMEOUT + 0.5, "10 deletes returned in {$seconds}s");
    same('paused', $again['error']);
    Webhook::resume($url);
});

test('send() reports failures instead of throwing, and logs them with the [slims-crm] prefix', static function () {
    $file = tempnam(sys_get_temp_dir(), 'log');
    $log = ini_set('error_log', $file);
    $result = Webhook::send('http://127.0.0.1:9', 'k', Webhook::event('member.saved', ['memberId' => 'M1']));
    ini_set('error_log', (string) $log);
    same(false, $result['delivered']);
    same(null, $result['status']);
    contains('[slims-crm] webhook member.saved', (string) file_get_contents($file));
    not_contains('"k"', (string) file_get_contents($file));
    unlink($file);
});

test('circulation webhook reaches the sidecar signed, with ids and dates only', static function () {
    Harness::reset(['sidecarUrl' => Sidecar::url(), 'secret' => Sidecar::SECRET]);
    Harness::loadPlugin();
    $_SESSION = ['uid' => 1, 'realname' => 'Admin'];
    $before = count(Sidecar::received());
    SLiMS\Plugins::getInstance()->execute('circulation_after_successful_transaction', circulation_receipt());
    $received = array_slice(Sidecar::received(), $before);
    same(1, count($received), 'one webhook');
    ok($received[0]['valid'], 'signature accepted');
    same('application/json', $received[0]['contentType']);
    ok(abs((int) $received[0]['timestamp'] - time()) < 5, 'fresh timestamp');
    $event = $received[0]['event'];
    same('circulation.transaction', $event['event']);
    same([
        'memberId' => 'M000001',
        'staffUid' => 1,
        'loans' => [['loanId' => 41, 'itemCode' => 'B00001', 'loanDate' => '2026-11-23', 'dueDate' => '2026-11-30']],
        'returns' => [['loanId' => 12, 'itemCode' => 'B00002', 'returnDate' => '2026-11-23']],
        'extends' => [],
    ], $event['data']);
});

test('member and biblio hooks: event names, no password, one biblio.deleted for both delete hooks', static function () {
    Harness::reset(['sidecarUrl' => Sidecar::url(), 'secret' => Sidecar::SECRET]);
    $plugins = Harness::loadPlugin();
    $before = count(Sidecar::received());
    $member = [['member_id' => 'M9', 'member_name' => 'Ani', 'mpasswd' => '$2y$10$secret', 'member_type_id' => '1',
        'register_date' => '2026-01-01', 'expire_date' => '2027-01-01', 'is_pending' => '0', 'last_update' => '2026-11-23']];
    $plugins->execute('membership_after_save', ['data' => $member]);
    $plugins->execute('membership_after_update', ['data' => $member]);
    $plugins->execute('bibliography_after_save', ['data' => ['biblio_id' => 5, 'title' => 'T']]);
    $plugins->execute('bibliography_after_update', ['data' => ['biblio_id' => 5, 'title' => 'T']]);
    $plugins->execute('bibliography_after_delete', [5]);
    $plugins->execute('bibliography_on_delete', [5]);
    $received = array_slice(Sidecar::received(), $before);
    same(['member.saved', 'member.updated', 'biblio.saved', 'biblio.saved', 'biblio.deleted'], array_map(static function ($r) {
        return $r['event']['event'];
    }, $received));
    foreach ($received as $r) {
        ok($r['valid'], 'signed');
        not_contains('mpasswd', json_encode($r['event']));
        not_contains('secret', json_encode($r['event']));
    }
    same(['memberId' => 'M9', 'memberTypeId' => 1, 'memberTypeName' => null, 'registerDate' => '2026-01-01', 'expireDate' => '2027-01-01', 'isPending' => false, 'lastUpdate' => '2026-11-23'], $received[0]['event']['data']);
    same(['biblioId' => 5], $received[4]['event']['data']);
});

test('not configured: hooks send nothing and stay silent', static function () {
    Harness::loadPlugin();
    ob_start();
    SLiMS\Plugins::getInstance()->execute('circulation_after_successful_transaction', circulation_receipt());
    same('', ob_get_clean());
});

test('member hook with the row SLiMS 9.7 really passes (api::member_load: type name, no type id)', static function () {
    // Regression found in a real SLiMS 9.7: member_load() has member_type_name but no member_type_id, so
    // the event carried memberTypeId null and no member type at all.
    Harness::reset(['sidecarUrl' => Sidecar::url(), 'secret' => Sidecar::SECRET]);
    Harness::loadPlugin();
    $before = count(Sidecar::received());
    $row = ['member_id' => 'M0001', 'member_name' => 'Siti', 'member_type_name' => 'Standard', 'register_date' => '2026-11-23',
        'expire_date' => '2027-11-23', 'is_pending' => '0', 'mpasswd' => false, 'hash' => ['member' => 'x'], 'last_update' => '2026-11-23'];
    SLiMS\Plugins::getInstance()->execute('membership_after_save', ['data' => [$row]]);
    $received = array_slice(Sidecar::received(), $before);
    same(1, count($received));
    same(['memberId' => 'M0001', 'memberTypeId' => null, 'memberTypeName' => 'Standard', 'registerDate' => '2026-11-23', 'expireDate' => '2027-11-23', 'isPending' => false, 'lastUpdate' => '2026-11-23'], $received[0]['event']['data']);
});
