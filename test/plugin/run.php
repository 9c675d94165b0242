<?php
/**
 * Runs the plugin's PHP tests under php-cli, no PHPUnit: `php -l` on every plugin file, then every
 * test/plugin/*Test.php. The last line is exactly `PHP: N passed, N failed`; exit code 1 on failure.
 */

require __DIR__ . '/harness.php';
require __DIR__ . '/helpers.php';
require_once __DIR__ . '/../../plugin/slims_crm/lib/autoload.php';

$pluginDir = realpath(__DIR__ . '/../../plugin/slims_crm');
$files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($pluginDir, FilesystemIterator::SKIP_DOTS));
foreach ($files as $file) {
    if ($file->getExtension() !== 'php') {
        continue;
    }
    $path = $file->getPathname();
    test('php -l ' . substr($path, strlen($pluginDir) + 1), static function () use ($path) {
        exec(escapeshellarg(PHP_BINARY) . ' -l ' . escapeshellarg($path) . ' 2>&1', $output, $code);
        ok($code === 0, implode("\n", $output));
    });
}

$only = $argv[1] ?? null;
foreach (glob(__DIR__ . '/*Test.php') as $testFile) {
    require $testFile;
}

$passed = 0;
$failed = 0;
foreach (Tests::$all as [$name, $fn]) {
    if ($only !== null && stripos($name, $only) === false) {
        continue;
    }
    Harness::reset();
    try {
        $fn();
        $passed++;
    } catch (Throwable $e) {
        $failed++;
        fwrite(STDOUT, "FAIL {$name}\n  " . str_replace("\n", "\n  ", $e->getMessage()) . "\n  at " . failure_location($e) . "\n");
    }
}
Sidecar::stop();
echo "PHP: {$passed} passed, {$failed} failed\n";
exit($failed === 0 ? 0 : 1);
