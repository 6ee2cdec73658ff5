<?php

/**
 * Loads every class of one fixture's golden PHP output next to the SDK's hand-written core, so a class
 * that extends, implements or uses something missing fails: php golden-php-load.php <golden php dir> <sdk dir>.
 * Prints nothing and exits 0 when every class links.
 */

declare(strict_types=1);

[, $golden, $sdk] = $argv;
spl_autoload_register(static function (string $class) use ($golden, $sdk): void {
    $relative = str_replace('\\', '/', substr($class, strlen('Namaskah\\'))) . '.php';
    foreach (["{$golden}/src/{$relative}", "{$sdk}/src/{$relative}"] as $file) {
        if (str_starts_with($class, 'Namaskah\\') && is_file($file)) {
            require $file;

            return;
        }
    }
});
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator("{$golden}/src", FilesystemIterator::SKIP_DOTS));
$failed = 0;
foreach ($it as $file) {
    $relative = substr($file->getPathname(), strlen("{$golden}/src/"), -4);
    $class = 'Namaskah\\' . str_replace('/', '\\', $relative);
    if (!class_exists($class) && !enum_exists($class) && !interface_exists($class) && !trait_exists($class)) {
        echo "{$class}: not found in {$file}\n";
        $failed++;
    }
}
exit($failed === 0 ? 0 : 1);
