<?php
/**
 * Tiny test API (test(), ok(), same(), contains()), a subprocess page runner for pages that exit, and
 * fake sidecars: a real HTTP one (php -S) and a silent one that accepts connections but never answers.
 */

final class Tests
{
    /** @var array<int, array{0: string, 1: callable}> */
    public static $all = [];
}

final class AssertionFailed extends Exception
{
}

function test(string $name, callable $fn): void
{
    Tests::$all[] = [$name, $fn];
}

/** @param mixed $condition */
function ok($condition, string $message = 'expected true'): void
{
    if (!$condition) {
        throw new AssertionFailed($message);
    }
}

/** @param mixed $expected @param mixed $actual */
function same($expected, $actual, string $message = ''): void
{
    if ($expected !== $actual) {
        throw new AssertionFailed(($message !== '' ? $message . ': ' : '') . 'expected ' . var_export($expected, true) . ', got ' . var_export($actual, true));
    }
}

function contains(string $needle, string $haystack, string $message = ''): void
{
    if (strpos($haystack, $needle) === false) {
        throw new AssertionFailed(($message !== '' ? $message . ': ' : '') . 'expected to find ' . var_export($needle, true) . ' in ' . var_export(substr($haystack, 0, 2000), true));
    }
}

function not_contains(string $needle, string $haystack, string $message = ''): void
{
    if (strpos($haystack, $needle) !== false) {
        throw new AssertionFailed(($message !== '' ? $message . ': ' : '') . 'did not expect ' . var_export($needle, true));
    }
}

function failure_location(Throwable $e): string
{
    foreach ($e->getTrace() as $frame) {
        if (isset($frame['file']) && substr($frame['file'], -8) === 'Test.php') {
            return basename($frame['file']) . ':' . $frame['line'];
        }
    }
    return basename($e->getFile()) . ':' . $e->getLine();
}

/**
 * Runs a page that ends with exit in a separate php process (fixtures/page.php).
 *
 * @param array<string, mixed> $scenario page, settings, session, get
 * @return array{status: int, headers: array<int, string>, body: string}
 */
function run_page_process(array $scenario): array
{
    $command = escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(__DIR__ . '/fixtures/page.php') . ' ' . escapeshellarg(base64_encode(json_encode($scenario)));
    $output = (string) shell_exec($command);
    $split = strrpos($output, "\n@@HARNESS@@");
    ok($split !== false, 'page process printed no harness trailer: ' . $output);
    $meta = json_decode(substr($output, $split + strlen("\n@@HARNESS@@")), true);
    return ['status' => $meta['status'], 'headers' => $meta['headers'], 'body' => substr($output, 0, $split)];
}

/** A fake sidecar served by `php -S` (fixtures/sidecar.php); webhooks it receives are logged to a file. */
final class Sidecar
{
    const SECRET = 'fixture-secret-0123456789abcdef0123456789abcdef';
    /** @var resource|null */
    private static $process = null;
    /** @var string */
    public static $url = '';
    /** @var string */
    public static $log = '';

    public static function url(): string
    {
        if (self::$process === null) {
            $port = free_port();
            self::$log = tempnam(sys_get_temp_dir(), 'slims-crm-hooks');
            $env = array_merge(getenv(), ['SIDECAR_SECRET' => self::SECRET, 'SIDECAR_LOG' => self::$log]);
            self::$process = proc_open(
                [PHP_BINARY, '-S', '127.0.0.1:' . $port, __DIR__ . '/fixtures/sidecar.php'],
                [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
                $pipes,
                null,
                $env
            );
            self::$url = 'http://127.0.0.1:' . $port;
            $deadline = microtime(true) + 5;
            while (microtime(true) < $deadline) {
                $socket = @stream_socket_client('tcp://127.0.0.1:' . $port, $errno, $errstr, 0.2);
                if ($socket !== false) {
                    fclose($socket);
                    break;
                }
                usleep(50000);
            }
        }
        return self::$url;
    }

    /** @return array<int, array<string, mixed>> webhooks received so far */
    public static function received(): array
    {
        $lines = self::$log === '' ? [] : file(self::$log, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES);
        return array_map(static function ($line) {
            return json_decode($line, true);
        }, $lines ?: []);
    }

    public static function stop(): void
    {
        if (self::$process !== null) {
            proc_terminate(self::$process);
            proc_close(self::$process);
            self::$process = null;
            @unlink(self::$log);
        }
    }
}

function free_port(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($server, false);
    fclose($server);
    return (int) substr($name, strrpos($name, ':') + 1);
}

/**
 * A listening socket that is never accepted: connections succeed (kernel backlog) but no answer ever
 * comes, like a hung sidecar.
 *
 * @return array{0: resource, 1: string} the socket (keep it open) and its URL
 */
function silent_sidecar(): array
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($server, false);
    return [$server, 'http://' . $name];
}
