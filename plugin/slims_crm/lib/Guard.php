<?php
/**
 * The plugin runs inside every SLiMS request, and SLiMS's error handler turns any PHP warning into an error
 * page (it ignores `@`). So every hook, page body and risky call goes through here: warnings and notices
 * raised inside are caught by our own handler before SLiMS's sees them, exceptions are logged with the
 * [slims-crm] prefix, and SLiMS carries on.
 */

namespace SlimsCrm;

final class Guard
{
    /**
     * Runs $work; a warning, notice or exception inside it is logged and $fallback returned instead.
     *
     * @template T
     * @param callable(): T $work
     * @param T $fallback
     * @return T
     */
    public static function run(string $what, callable $work, $fallback = null)
    {
        try {
            return self::quietly($work);
        } catch (\Throwable $e) {
            self::log($what . ' failed: ' . self::describe($e));
            return $fallback;
        }
    }

    /**
     * Runs $work with an error handler of our own on top of SLiMS's: a warning raised inside becomes an
     * \ErrorException for the caller to handle; a notice or a deprecation (SLiMS's own code called from here
     * raises them on newer PHP) is logged and let pass, as SLiMS 9.7's handler does, and never printed, which
     * SLiMS 9.4 in development mode would do. Never prints.
     *
     * @template T
     * @param callable(): T $work
     * @return T
     */
    public static function quietly(callable $work)
    {
        set_error_handler(static function (int $severity, string $message, string $file = '', int $line = 0): bool {
            if (($severity & (E_NOTICE | E_USER_NOTICE | E_DEPRECATED | E_USER_DEPRECATED)) !== 0) {
                // Ours are worth knowing about; SLiMS's own it reports itself, where it wants to.
                if (strpos($file, dirname(__DIR__)) === 0) {
                    self::log('PHP notice let pass: ' . $message . ' (' . basename($file) . ':' . $line . ')');
                }
                return true;
            }
            throw new \ErrorException($message, 0, $severity, $file, $line);
        });
        try {
            return $work();
        } finally {
            restore_error_handler();
        }
    }

    /**
     * Runs $work and returns its result, or null when it raised a warning or threw (a missing file, a refused
     * connection): for calls whose failure is an expected answer, not a fault worth logging.
     *
     * @template T
     * @param callable(): T $work
     * @return T|null
     */
    public static function attempt(callable $work)
    {
        try {
            return self::quietly($work);
        } catch (\Throwable $e) {
            return null;
        }
    }

    public static function log(string $message): void
    {
        error_log('[slims-crm] ' . $message);
    }

    public static function describe(\Throwable $e): string
    {
        return get_class($e) . ': ' . $e->getMessage() . ' (' . basename($e->getFile()) . ':' . $e->getLine() . ')';
    }
}
