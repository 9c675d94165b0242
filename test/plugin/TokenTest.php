<?php
// Tokens and webhook signatures: HS256 exactly as the sidecar expects, checked independently in PHP.

use SlimsCrm\Token;
use SlimsCrm\Webhook;

/** Independent HS256 check (not the plugin's verify()): header, signature, claims. */
function decode_hs256(string $token, string $secret): array
{
    $parts = explode('.', $token);
    same(3, count($parts), 'three parts');
    foreach ($parts as $part) {
        ok(preg_match('/^[A-Za-z0-9_-]+$/', $part) === 1, 'base64url without padding: ' . $part);
    }
    $b64 = static function (string $s): string {
        return base64_decode(strtr($s, '-_', '+/') . str_repeat('=', (4 - strlen($s) % 4) % 4));
    };
    same('{"alg":"HS256","typ":"JWT"}', $b64($parts[0]), 'header');
    $expected = rtrim(strtr(base64_encode(hash_hmac('sha256', $parts[0] . '.' . $parts[1], $secret, true)), '+/', '-_'), '=');
    ok(hash_equals($expected, $parts[2]), 'signature');
    return json_decode($b64($parts[1]), true);
}

test('member token: HS256 with aud, typ, sub, name, iat, exp = iat + 900', static function () {
    $minted = Token::member('s3cret-s3cret-s3cret-s3cret-s3cret', 'M000001', 'Siti Ñurhaliza', 1700000000);
    $claims = decode_hs256($minted['token'], 's3cret-s3cret-s3cret-s3cret-s3cret');
    same(['aud' => 'slims-crm', 'typ' => 'member', 'sub' => 'M000001', 'name' => 'Siti Ñurhaliza', 'iat' => 1700000000, 'exp' => 1700000900], $claims);
    same(1700000900, $minted['exp']);
});

test('staff token: sub is the uid as a string, priv is {module:{r,w}} booleans, {} when empty', static function () {
    $minted = Token::staff('k', 7, 'Budi', ['membership' => ['r' => 1, 'w' => 0, 'menus' => ['x']], 'reporting' => ['r' => '1']], 1700000000);
    $claims = decode_hs256($minted['token'], 'k');
    same('staff', $claims['typ']);
    same('7', $claims['sub']);
    same(['membership' => ['r' => true, 'w' => false], 'reporting' => ['r' => true, 'w' => false]], $claims['priv']);
    $parts = explode('.', Token::staff('k', 2, 'X', [], 1700000000)['token']);
    contains('"priv":{}', base64_decode(strtr($parts[1], '-_', '+/')));
});

test('verify refuses tampered, expired, wrong-audience and alg none tokens', static function () {
    $good = Token::member('k', 'M1', 'A')['token'];
    ok(Token::verify($good, 'k') !== null, 'good token');
    ok(Token::verify($good, 'other') === null, 'wrong secret');
    [$h, $p, $s] = explode('.', $good);
    $forged = Token::base64url(str_replace('"M1"', '"M2"', Token::base64urlDecode($p)));
    ok(Token::verify("$h.$forged.$s", 'k') === null, 'tampered');
    ok(Token::verify(Token::member('k', 'M1', 'A', time() - 1000)['token'], 'k') === null, 'expired');
    ok(Token::verify(Token::encode(['aud' => 'other', 'exp' => time() + 60], 'k'), 'k') === null, 'audience');
    $none = Token::base64url('{"alg":"none","typ":"JWT"}') . '.' . $p . '.';
    ok(Token::verify($none, 'k') === null, 'alg none');
});

test('webhook signature is v1=<hex HMAC-SHA256(secret, timestamp.body)>', static function () {
    same('v1=' . hash_hmac('sha256', '1700000000.{"a":1}', 'k'), Webhook::signature('k', 1700000000, '{"a":1}'));
});

test('webhook event: 32 hex id, contract event name, ISO UTC time, data object', static function () {
    $event = Webhook::event('member.saved', [], 1700000000);
    ok(preg_match('/^[0-9a-f]{32}$/', $event['id']) === 1, 'id');
    same('2023-11-14T22:13:20Z', $event['occurredAt']);
    contains('"data":{}', SlimsCrm\Json::encode($event));
});

test('sign.php CLI prints only the token or signature', static function () {
    $php = escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(__DIR__ . '/sign.php');
    same(Token::member('k', 'M000001', 'Siti', 1700000000)['token'], shell_exec("$php token-member k M000001 Siti 1700000000"));
    same(
        Token::staff('k', 3, 'Sri', ['membership' => ['r' => true, 'w' => false]], 1700000000)['token'],
        shell_exec("$php token-staff k 3 Sri '{\"membership\":{\"r\":true,\"w\":false}}' 1700000000")
    );
    $file = tempnam(sys_get_temp_dir(), 'body');
    file_put_contents($file, "{\"id\":\"x\"}\n");
    same(Webhook::signature('k', 1700000000, "{\"id\":\"x\"}\n"), shell_exec("$php webhook k 1700000000 " . escapeshellarg($file)));
    unlink($file);
    exec("$php token-member k 2>/dev/null", $out, $code);
    same(2, $code, 'usage error exit code');
});
