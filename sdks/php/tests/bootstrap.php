<?php

declare(strict_types=1);

// The SDK through Composer's autoloader (`composer dump-autoload`, no downloads), and the PSR interfaces
// from Debian's php-psr-* packages (Packagist is not needed to test).
require __DIR__ . '/../vendor/autoload.php';
foreach (['Psr/Log/autoload.php', 'Psr/Http/Client/autoload.php', 'Psr/Http/Message/autoload.php'] as $psr) {
    foreach (explode(PATH_SEPARATOR, get_include_path()) as $dir) {
        if (is_file("{$dir}/{$psr}")) {
            require_once "{$dir}/{$psr}";
            break;
        }
    }
}
