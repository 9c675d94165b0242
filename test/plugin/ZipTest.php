<?php
// dist/slims_crm.zip as `npm run build:plugin` writes it. SLiMS 9.6.0/9.6.1's System > Plugins upload
// extracts the zip to files/temp/<random>/ and moves only its top-level *folders* into plugins/, so every
// entry must sit under one root folder slims_crm/. Skipped (passes) without php-zip or node.

test('build-zip: one root folder slims_crm/, plugin file at slims_crm/slims_crm.plugin.php, same bytes', static function () {
    if (!class_exists('ZipArchive')) {
        return; // php-zip missing: nothing to open the zip with
    }
    $repo = realpath(__DIR__ . '/../..');
    $zipPath = sys_get_temp_dir() . '/slims_crm-ziptest-' . getmypid() . '.zip';
    exec('node ' . escapeshellarg($repo . '/plugin/build-zip.mjs') . ' ' . escapeshellarg($zipPath) . ' 2>&1', $output, $code);
    if ($code === 127) {
        return; // no node on PATH
    }
    ok($code === 0, 'build-zip.mjs failed: ' . implode("\n", $output));

    try {
        $zip = new ZipArchive();
        same(true, $zip->open($zipPath, ZipArchive::CHECKCONS), 'ZipArchive::open with CHECKCONS');
        $names = [];
        for ($i = 0; $i < $zip->numFiles; $i++) {
            $name = $zip->getNameIndex($i);
            ok(strpos($name, 'slims_crm/') === 0, "entry outside the root folder slims_crm/: {$name}");
            ok(strpos($name, '..') === false && $name[0] !== '/', "unsafe entry name: {$name}");
            $names[] = $name;
            if (substr($name, -1) === '/') {
                continue;
            }
            same(file_get_contents($repo . '/plugin/' . $name), $zip->getFromIndex($i), "bytes of {$name}");
        }
        $zip->close();
        ok(in_array('slims_crm/slims_crm.plugin.php', $names, true), 'slims_crm/slims_crm.plugin.php in the zip');

        $source = realpath($repo . '/plugin/slims_crm');
        $expected = [];
        $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($source, FilesystemIterator::SKIP_DOTS));
        foreach ($files as $file) {
            $expected[] = 'slims_crm/' . str_replace('\\', '/', substr($file->getPathname(), strlen($source) + 1));
        }
        $files = array_values(array_filter($names, static function ($name) {
            return substr($name, -1) !== '/';
        }));
        sort($expected);
        sort($files);
        same($expected, $files, 'zip holds exactly the files of plugin/slims_crm');
    } finally {
        @unlink($zipPath);
    }
});
