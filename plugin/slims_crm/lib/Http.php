<?php
/**
 * One small HTTP client for calls to the sidecar, bounded by a TOTAL deadline (connect + send + answer).
 * Uses curl when the extension is loaded, else a socket opened with a stream context. Never throws and
 * never warns: a refused connection or a reset is an answer with status null, not a SLiMS error page.
 */

namespace SlimsCrm;

final class Http
{
    /** Tests set this to exercise the socket path on a PHP that has curl. */
    public static $socketOnly = false;

    /**
     * @param array<string, string> $headers
     * @return array{status: int|null, body: string, error: string|null}
     */
    public static function request(string $method, string $url, array $headers = [], ?string $body = null, float $timeout = 1.5): array
    {
        try {
            $parts = parse_url($url);
            $scheme = strtolower((string) ($parts['scheme'] ?? ''));
            if (!is_array($parts) || !in_array($scheme, ['http', 'https'], true) || empty($parts['host'])) {
                return self::failed('invalid URL');
            }
            return Guard::quietly(static function () use ($method, $url, $parts, $headers, $body, $timeout) {
                if (function_exists('curl_init') && !self::$socketOnly) {
                    return self::viaCurl($method, $url, $headers, $body, $timeout);
                }
                return self::viaSocket($method, $parts, $headers, $body, $timeout);
            });
        } catch (\Throwable $e) {
            return self::failed(get_class($e) . ': ' . $e->getMessage());
        }
    }

    /**
     * @param array<string, string> $headers
     * @return array{status: int|null, body: string, error: string|null}
     */
    private static function viaCurl(string $method, string $url, array $headers, ?string $body, float $timeout): array
    {
        $lines = [];
        foreach ($headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $ms = max(1, (int) round($timeout * 1000));
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_HTTPHEADER => $lines,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_TIMEOUT_MS => $ms,
            CURLOPT_CONNECTTIMEOUT_MS => $ms,
            // Sub-second timeouts need NOSIGNAL on resolvers that use alarm().
            CURLOPT_NOSIGNAL => true,
        ]);
        if ($body !== null) {
            curl_setopt($curl, CURLOPT_POSTFIELDS, $body);
        }
        $answer = curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        $error = $answer === false ? curl_error($curl) : null;
        // A no-op since PHP 8.0, and deprecated in 8.5: the handle is freed with the variable.
        if (PHP_VERSION_ID < 80000) {
            curl_close($curl);
        }
        if ($answer === false || $status === 0) {
            return self::failed($error ?? 'no answer');
        }
        return ['status' => $status, 'body' => (string) $answer, 'error' => null];
    }

    /**
     * PHP's http:// wrapper applies its timeout per read, not to the whole call, so a slow sidecar could
     * hold the page far longer; this writes HTTP/1.1 by hand and stops at one deadline.
     *
     * @param array<string, mixed> $parts parse_url() result
     * @param array<string, string> $headers
     * @return array{status: int|null, body: string, error: string|null}
     */
    private static function viaSocket(string $method, array $parts, array $headers, ?string $body, float $timeout): array
    {
        $deadline = microtime(true) + $timeout;
        $secure = strtolower($parts['scheme']) === 'https';
        $host = (string) $parts['host'];
        $port = (int) ($parts['port'] ?? ($secure ? 443 : 80));
        $path = ($parts['path'] ?? '') === '' ? '/' : $parts['path'];
        if (isset($parts['query'])) {
            $path .= '?' . $parts['query'];
        }
        $context = stream_context_create(['ssl' => ['peer_name' => trim($host, '[]'), 'SNI_enabled' => true]]);
        $errno = 0;
        $errstr = '';
        try {
            // A refused or timed-out connect raises a warning as well as returning false.
            $socket = Guard::quietly(static function () use ($secure, $host, $port, $timeout, $context, &$errno, &$errstr) {
                return stream_socket_client(
                    ($secure ? 'ssl://' : 'tcp://') . $host . ':' . $port,
                    $errno,
                    $errstr,
                    $timeout,
                    STREAM_CLIENT_CONNECT,
                    $context
                );
            });
        } catch (\ErrorException $e) {
            $socket = false;
            $errstr = $errstr !== '' ? $errstr : $e->getMessage();
        }
        if ($socket === false) {
            return self::failed('connect: ' . ($errstr !== '' ? $errstr : 'error ' . $errno));
        }
        try {
            return self::exchange($socket, $method, $path, $host, $port, isset($parts['port']), $headers, $body, $deadline);
        } finally {
            fclose($socket);
        }
    }

    /**
     * Writes the request and reads the answer until the deadline. A reset connection raises a warning in
     * fwrite/fread, which the caller's Guard turns into an exception; the caller closes the socket.
     *
     * @param resource $socket
     * @param array<string, string> $headers
     * @return array{status: int|null, body: string, error: string|null}
     */
    private static function exchange($socket, string $method, string $path, string $host, int $port, bool $portGiven, array $headers, ?string $body, float $deadline): array
    {
        $hostHeader = $host . ($portGiven ? ':' . $port : '');
        $request = $method . ' ' . $path . " HTTP/1.1\r\nHost: " . $hostHeader . "\r\nConnection: close\r\n";
        foreach ($headers as $name => $value) {
            $request .= $name . ': ' . $value . "\r\n";
        }
        if ($body !== null) {
            $request .= 'Content-Length: ' . strlen($body) . "\r\n";
        }
        $request .= "\r\n" . ($body ?? '');

        $answer = '';
        $ok = self::writeAll($socket, $request, $deadline);
        while ($ok && !feof($socket)) {
            $left = $deadline - microtime(true);
            if ($left <= 0) {
                $ok = false;
                break;
            }
            stream_set_timeout($socket, (int) $left, (int) (($left - (int) $left) * 1000000));
            $chunk = fread($socket, 8192);
            if (stream_get_meta_data($socket)['timed_out']) {
                $ok = false;
                break;
            }
            if ($chunk === false) {
                break;
            }
            $answer .= $chunk;
        }
        $parsed = self::parse($answer);
        if ($parsed === null) {
            return self::failed($ok ? 'no HTTP answer' : 'timed out');
        }
        return $parsed;
    }

    /** @param resource $socket */
    private static function writeAll($socket, string $data, float $deadline): bool
    {
        while ($data !== '') {
            $left = $deadline - microtime(true);
            if ($left <= 0) {
                return false;
            }
            stream_set_timeout($socket, (int) $left, (int) (($left - (int) $left) * 1000000));
            $written = fwrite($socket, $data);
            if ($written === false || $written === 0) {
                return false;
            }
            $data = (string) substr($data, $written);
        }
        return true;
    }

    /** @return array{status: int|null, body: string, error: string|null}|null */
    private static function parse(string $answer): ?array
    {
        if (!preg_match('#^HTTP/\d(?:\.\d)? (\d{3})#', $answer, $match)) {
            return null;
        }
        $split = strpos($answer, "\r\n\r\n");
        $head = $split === false ? $answer : substr($answer, 0, $split);
        $body = $split === false ? '' : (string) substr($answer, $split + 4);
        if (preg_match('/^transfer-encoding:\s*chunked/mi', $head)) {
            $body = self::unchunk($body);
        }
        return ['status' => (int) $match[1], 'body' => $body, 'error' => null];
    }

    private static function unchunk(string $body): string
    {
        $out = '';
        while (preg_match('/^([0-9a-fA-F]+)[^\r\n]*\r\n/', $body, $match)) {
            $size = (int) hexdec($match[1]);
            if ($size === 0) {
                break;
            }
            $out .= substr($body, strlen($match[0]), $size);
            $body = (string) substr($body, strlen($match[0]) + $size + 2);
        }
        return $out;
    }

    /** @return array{status: null, body: string, error: string} */
    private static function failed(string $error): array
    {
        return ['status' => null, 'body' => '', 'error' => $error];
    }
}
