<?php
/**
 * Signed webhooks to the sidecar (POST {sidecar}/api/v1/hooks/slims): build, sign and send with a short
 * total timeout. Sending never throws and never prints: a slow or absent sidecar must not disturb SLiMS.
 */

namespace SlimsCrm;

final class Webhook
{
    const PATH = '/api/v1/hooks/slims';
    const TIMEOUT = 1.5;
    /** After a sidecar gave no answer, skip it for this long, across requests. */
    const PAUSE_SECONDS = 60;

    /** @var array<string, bool> sidecars that gave no answer during this request */
    private static $silent = [];

    /**
     * One unanswered send stops the others: a bulk delete of 50 titles fires 50 hooks in one request, and
     * 50 timeouts would run SLiMS past PHP's time limit halfway through its own deletes. A marker file in
     * the system temp folder carries the pause over to the next requests.
     */
    private static function paused(string $sidecarUrl): bool
    {
        if (isset(self::$silent[$sidecarUrl])) {
            return true;
        }
        $marker = self::marker($sidecarUrl);
        // No marker is the usual case; is_file() itself warns where open_basedir leaves the temp folder out.
        $mark = Guard::attempt(static function () use ($marker) {
            return is_file($marker) ? filemtime($marker) : null;
        });
        return is_int($mark) && $mark > time() - self::PAUSE_SECONDS;
    }

    private static function marker(string $sidecarUrl): string
    {
        return rtrim(sys_get_temp_dir(), '/\\') . DIRECTORY_SEPARATOR . 'slims-crm-silent-' . md5($sidecarUrl);
    }

    /** Forgets every pause (tests, and the settings page after a successful connection test). */
    public static function resume(string $sidecarUrl): void
    {
        unset(self::$silent[$sidecarUrl]);
        $marker = self::marker($sidecarUrl);
        Guard::attempt(static function () use ($marker) {
            return is_file($marker) && unlink($marker);
        });
    }

    /**
     * @param array<string, mixed> $data
     * @return array{id: string, event: string, occurredAt: string, data: object}
     */
    public static function event(string $type, array $data, ?int $now = null): array
    {
        return [
            'id' => bin2hex(random_bytes(16)),
            'event' => $type,
            'occurredAt' => gmdate('Y-m-d\TH:i:s\Z', $now ?? time()),
            'data' => (object) $data,
        ];
    }

    /** The X-Slims-Crm-Signature value: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>. */
    public static function signature(string $secret, int $timestamp, string $rawBody): string
    {
        return 'v1=' . hash_hmac('sha256', $timestamp . '.' . $rawBody, $secret);
    }

    /**
     * Delivered means 2xx, or 409 (the sidecar already has this id).
     *
     * @param array<string, mixed> $event
     * @return array{delivered: bool, status: int|null, error: string|null, seconds: float}
     */
    public static function send(string $sidecarUrl, string $secret, array $event, float $timeout = self::TIMEOUT): array
    {
        $started = microtime(true);
        $status = null;
        $error = null;
        if (self::paused($sidecarUrl)) {
            Guard::log('webhook ' . ($event['event'] ?? '?') . ' ' . ($event['id'] ?? '') . ' not sent: the sidecar did not answer a moment ago');
            return ['delivered' => false, 'status' => null, 'error' => 'paused', 'seconds' => microtime(true) - $started];
        }
        try {
            $body = Json::encode($event);
            $timestamp = time();
            $answer = Http::request('POST', rtrim($sidecarUrl, '/') . self::PATH, [
                'Content-Type' => 'application/json',
                'X-Slims-Crm-Timestamp' => (string) $timestamp,
                'X-Slims-Crm-Signature' => self::signature($secret, $timestamp, $body),
            ], $body, $timeout);
            $status = $answer['status'];
            $error = $answer['error'];
        } catch (\Throwable $e) {
            $error = get_class($e) . ': ' . $e->getMessage();
        }
        if ($status === null) {
            self::$silent[$sidecarUrl] = true;
            // A read-only temp folder only loses the pause for later requests; this one still skips.
            $marker = self::marker($sidecarUrl);
            Guard::attempt(static function () use ($marker) {
                return touch($marker);
            });
        }
        $delivered = $status !== null && (($status >= 200 && $status < 300) || $status === 409);
        if (!$delivered) {
            $error = $error ?? 'HTTP ' . $status;
            Guard::log('webhook ' . ($event['event'] ?? '?') . ' ' . ($event['id'] ?? '') . ' not delivered: ' . $error);
        }
        return ['delivered' => $delivered, 'status' => $status, 'error' => $delivered ? null : $error, 'seconds' => microtime(true) - $started];
    }
}
