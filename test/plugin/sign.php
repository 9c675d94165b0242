<?php
/**
 * CLI helper for cross-language tests: mints tokens and webhook signatures with the plugin's own code.
 *   php test/plugin/sign.php token-member <secret> <member_id> <name> [iat]
 *   php test/plugin/sign.php token-staff <secret> <uid> <name> <privJson> [iat]
 *   php test/plugin/sign.php webhook <secret> <timestamp> <bodyFile>
 * Prints only the result (no trailing newline); usage errors go to stderr with exit code 2.
 */

require __DIR__ . '/../../plugin/slims_crm/lib/autoload.php';

use SlimsCrm\Token;
use SlimsCrm\Webhook;

function slimsCrmUsage(string $message): void
{
    fwrite(STDERR, $message . "\n");
    exit(2);
}

$args = array_slice($argv, 1);
$command = $args[0] ?? '';
$iatArg = static function (?string $value): ?int {
    if ($value === null) {
        return null;
    }
    if (!preg_match('/^\d+$/', $value)) {
        slimsCrmUsage('iat must be unix seconds');
    }
    return (int) $value;
};

switch ($command) {
    case 'token-member':
        if (count($args) < 4) {
            slimsCrmUsage('usage: sign.php token-member <secret> <member_id> <name> [iat]');
        }
        echo Token::member($args[1], $args[2], $args[3], $iatArg($args[4] ?? null))['token'];
        break;
    case 'token-staff':
        if (count($args) < 5) {
            slimsCrmUsage('usage: sign.php token-staff <secret> <uid> <name> <privJson> [iat]');
        }
        $privileges = json_decode($args[4], true);
        if (!is_array($privileges) || !preg_match('/^\d+$/', $args[2])) {
            slimsCrmUsage('uid must be digits and privJson a JSON object like {"membership":{"r":true,"w":false}}');
        }
        echo Token::staff($args[1], (int) $args[2], $args[3], $privileges, $iatArg($args[5] ?? null))['token'];
        break;
    case 'webhook':
        if (count($args) < 4 || !preg_match('/^\d+$/', $args[2])) {
            slimsCrmUsage('usage: sign.php webhook <secret> <timestamp> <bodyFile>');
        }
        $body = @file_get_contents($args[3] === '-' ? 'php://stdin' : $args[3]);
        if ($body === false) {
            slimsCrmUsage('cannot read ' . $args[3]);
        }
        echo Webhook::signature($args[1], (int) $args[2], $body);
        break;
    default:
        slimsCrmUsage('usage: sign.php token-member|token-staff|webhook ...');
}
