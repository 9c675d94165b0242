<?php
// OPAC: loader and member token injected on CONTENT_BEFORE_LOAD, CSP extended, token page JSON.

use SlimsCrm\Token;

const OPAC_SECRET = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const OPAC_SIDECAR = 'https://crm.perpustakaan.go.id';

function opac_page(): SLiMS\Opac
{
    $opac = new SLiMS\Opac();
    $opac->js = '<script>window.themeScript=1</script>';
    $opac->setCsp(); // SLiMS sends the policy before the hook runs
    SLiMS\Plugins::getInstance()->execute('before_content_load', [$opac]);
    return $opac;
}

test('logged-in member: token script before the loader, token valid for that member', static function () {
    Harness::reset(['sidecarUrl' => OPAC_SIDECAR, 'secret' => OPAC_SECRET]);
    Harness::loadPlugin();
    Harness::memberSession('M000001', 'Siti </script><b>');
    $js = opac_page()->js;
    contains('<script>window.themeScript=1</script>', $js, 'existing scripts kept');
    contains('<script type="module" src="https://crm.perpustakaan.go.id/widgets/slims-crm.js" async></script>', $js);
    ok(preg_match('#<script>window\.SlimsCRM=Object\.assign\(window\.SlimsCRM\|\|\{\},\{"lang":"en","memberToken":"([\w.-]+)"\}\)</script><meta name="slims-crm-token-url" content="[^"]*index\.php\?p=slims_crm_token"><script type="module"#', $js, $m) === 1, 'token script and renewal URL before loader: ' . $js);
    $claims = Token::verify($m[1], OPAC_SECRET);
    ok($claims !== null, 'valid token');
    same('member', $claims['typ']);
    same('M000001', $claims['sub']);
    same('Siti </script><b>', $claims['name']);
    same(900, $claims['exp'] - $claims['iat']);
    not_contains('<b>', $js, 'name never printed raw');
});

test('logged out, pending or expired: loader only, no member token', static function () {
    $yesterday = date('Y-m-d', time() - 86400);
    foreach ([[], ['mid' => 'M1', 'm_name' => 'A', 'm_membership_pending' => true], ['mid' => 'M1', 'm_name' => 'A', 'm_is_expired' => true], ['mid' => 'M1', 'm_name' => 'A', 'm_expire_date' => $yesterday]] as $session) {
        Harness::reset(['sidecarUrl' => OPAC_SIDECAR, 'secret' => OPAC_SECRET]);
        Harness::loadPlugin();
        $_SESSION = $session;
        $js = opac_page()->js;
        contains('/widgets/slims-crm.js', $js);
        contains('{"lang":"en"}', $js, 'the OPAC language for widgets without a lang attribute');
        not_contains('memberToken', $js);
        not_contains('slims-crm-token-url', $js);
    }
});

test('not configured: the OPAC is left alone', static function () {
    Harness::loadPlugin();
    Harness::memberSession('M1', 'A');
    $opac = opac_page();
    same('<script>window.themeScript=1</script>', $opac->js);
    same(implode(';', Harness::CSP), $opac->csp());
});

test('CSP: sidecar origin added to script-src and connect-src, no duplicate directives, idempotent', static function () {
    Harness::reset(['sidecarUrl' => 'http://127.0.0.1:8787/', 'secret' => OPAC_SECRET]);
    Harness::loadPlugin();
    $opac = opac_page();
    SLiMS\Plugins::getInstance()->execute('before_content_load', [$opac]); // a second run changes nothing
    $directives = explode(';', $opac->csp());
    same(count(Harness::CSP), count($directives), 'same number of directives');
    $names = array_map(static function ($d) {
        return strtok($d, ' ');
    }, $directives);
    same(count($names), count(array_unique($names)), 'no duplicate directive names');
    contains("script-src 'self' 'unsafe-inline' 'unsafe-eval' *.google.com *.gstatic.com http://127.0.0.1:8787;", $opac->csp());
    contains("connect-src 'self' slims.web.id http://127.0.0.1:8787;", $opac->csp());
    same(2, substr_count($opac->csp(), 'http://127.0.0.1:8787'));
    contains("img-src 'self' static.slims.web.id data:", $opac->csp(), 'other directives untouched');
});

test('token page: {"token","expiresAt"} JSON with Cache-Control: no-store, SLiMS buffer discarded', static function () {
    $answer = run_page_process([
        'page' => 'member_token.php',
        'settings' => ['sidecarUrl' => OPAC_SIDECAR, 'secret' => OPAC_SECRET],
        'session' => ['mid' => 'M000002', 'm_name' => 'Budi'],
    ]);
    same(200, $answer['status']);
    ok(in_array('Cache-Control: no-store', $answer['headers'], true), 'no-store');
    ok(in_array('Content-Type: application/json; charset=utf-8', $answer['headers'], true), 'json');
    $body = json_decode($answer['body'], true);
    same(['token', 'expiresAt'], array_keys($body), 'only token and expiresAt: ' . $answer['body']);
    same('M000002', Token::verify($body['token'], OPAC_SECRET)['sub']);
    ok(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $body['expiresAt']) === 1, 'ISO expiresAt');
});

test('token page logged out: {"token":null}', static function () {
    $answer = run_page_process(['page' => 'member_token.php', 'settings' => ['sidecarUrl' => OPAC_SIDECAR, 'secret' => OPAC_SECRET]]);
    same('{"token":null}', $answer['body']);
    ok(in_array('Cache-Control: no-store', $answer['headers'], true), 'no-store');
});

test('CSP on SLiMS 9.5 to 9.6.1 (no Config::replace): policy rewritten and sent with header(..., true)', static function () {
    Harness::reset(['sidecarUrl' => 'http://127.0.0.1:8787', 'secret' => OPAC_SECRET]);
    Harness::$legacyConfig = true;
    Harness::loadPlugin();
    Harness::memberSession('M000001', 'Siti');
    $opac = opac_page();
    SLiMS\Plugins::getInstance()->execute('before_content_load', [$opac]); // a second run: same header again
    same(1, count($opac->headers), 'Opac::setCsp() not called again: the plugin sends the header itself');
    same(implode(';', Harness::CSP), $opac->csp(), 'config(\'csp\') left as it was');
    ok(count(Harness::$headerCalls) >= 1, 'header() called');
    foreach (Harness::$headerCalls as [$line, $replace]) {
        ok($replace === true, 'replaces the earlier CSP header');
        same(0, strpos($line, 'Content-Security-Policy: '), $line);
        $value = substr($line, strlen('Content-Security-Policy: '));
        contains("script-src 'self' 'unsafe-inline' 'unsafe-eval' *.google.com *.gstatic.com http://127.0.0.1:8787;", $value);
        contains("connect-src 'self' slims.web.id http://127.0.0.1:8787;", $value);
        same(2, substr_count($value, 'http://127.0.0.1:8787'), 'origin added once per directive');
        same(count(Harness::CSP), count(explode(';', $value)), 'no directive added or lost');
        contains("img-src 'self' static.slims.web.id data:", $value);
    }
    contains('/widgets/slims-crm.js', $opac->js, 'loader still injected');
    contains('memberToken', $opac->js);
});

test('CSP fallback: nothing sent when the sidecar origin is already allowed or the OPAC has no policy', static function () {
    Harness::reset(['sidecarUrl' => 'http://127.0.0.1:8787', 'secret' => OPAC_SECRET]);
    Harness::$legacyConfig = true;
    SLiMS\Config::getInstance()->configs['csp'] = ["script-src 'self' http://127.0.0.1:8787", "connect-src 'self' http://127.0.0.1:8787"];
    Harness::loadPlugin();
    opac_page();
    same([], Harness::$headerCalls);
    Harness::reset(['sidecarUrl' => 'http://127.0.0.1:8787', 'secret' => OPAC_SECRET]);
    Harness::$legacyConfig = true;
    SLiMS\Config::getInstance()->configs['csp'] = [];
    Harness::loadPlugin();
    $opac = opac_page();
    same([], Harness::$headerCalls);
    contains('/widgets/slims-crm.js', $opac->js);
});

test('CSP: only a plain origin is ever added to the policy', static function () {
    $policy = ["script-src 'self'", "connect-src 'self'"];
    same([], \SlimsCrm\Csp::changes($policy, 'https://evil.example *'));
    same([], \SlimsCrm\Csp::changes($policy, "https://evil.example 'unsafe-inline'"));
    same(2, count(\SlimsCrm\Csp::changes($policy, 'https://crm.example:8443')));
});
