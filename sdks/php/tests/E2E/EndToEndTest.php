<?php

declare(strict_types=1);

namespace Namaskah\Tests\E2E;

use PHPUnit\Framework\TestCase;

/**
 * The SDK against the reference server: the scenario (scenario.php) with the curl transport and with an
 * injected PSR-18 client, the package installed with Composer into a clean folder (a path repository,
 * Packagist disabled, no network), and examples/php.
 */
final class EndToEndTest extends TestCase
{
    private const SDK = __DIR__ . '/../..';

    /** @return array{int, string} exit code and output */
    private static function php(array $args, array $env = [], ?string $cwd = null): array
    {
        $process = proc_open(
            [PHP_BINARY, ...$args],
            [1 => ['pipe', 'w'], 2 => ['redirect', 1]],
            $pipes,
            $cwd,
            [...getenv(), ...$env],
        );
        $out = (string) stream_get_contents($pipes[1]);

        return [proc_close($process), $out];
    }

    public function testScenarioWithTheCurlTransport(): void
    {
        $url = ReferenceServer::url($this);
        $args = [__DIR__ . '/scenario.php', self::SDK . '/vendor/autoload.php', 'curl'];
        [$code, $out] = self::php($args, ['NAMASKAH_BASE_URL' => $url]);
        $this->assertSame(0, $code, $out);
        $this->assertStringContainsString('e2e ok (curl)', $out);
    }

    public function testScenarioWithAnInjectedPsr18Client(): void
    {
        $url = ReferenceServer::url($this);
        $args = [__DIR__ . '/scenario.php', self::SDK . '/vendor/autoload.php', 'psr18'];
        [$code, $out] = self::php($args, ['NAMASKAH_BASE_URL' => $url]);
        $this->assertSame(0, $code, $out);
        $this->assertStringContainsString('e2e ok (psr18)', $out);
    }

    public function testInstallsWithComposerIntoACleanFolderAndRuns(): void
    {
        $url = ReferenceServer::url($this);
        $dir = sys_get_temp_dir() . '/namaskah-php-install-' . bin2hex(random_bytes(4));
        mkdir($dir);
        try {
            file_put_contents("{$dir}/composer.json", json_encode([
                'name' => 'acme/uses-namaskah',
                'require' => ['namaskah/namaskah-php' => '^0.1'],
                'repositories' => [
                    [
                        'type' => 'path',
                        'url' => realpath(self::SDK),
                        'options' => ['symlink' => false, 'versions' => ['namaskah/namaskah-php' => '0.1.0']],
                    ],
                    ['packagist.org' => false],
                ],
            ], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
            $env = [
                'COMPOSER_HOME' => "{$dir}/.composer",
                'COMPOSER_DISABLE_NETWORK' => '1',
                'COMPOSER_NO_INTERACTION' => '1',
            ];
            $install = 'composer install --no-interaction --no-progress 2>&1';
            exec('cd ' . escapeshellarg($dir) . ' && ' . self::envPrefix($env) . " {$install}", $lines, $code);
            $this->assertSame(0, $code, implode("\n", $lines));
            $this->assertFileExists("{$dir}/vendor/namaskah/namaskah-php/src/Client.php");
            foreach (['scenario.php', 'Psr18StreamClient.php', 'StreamNetworkException.php'] as $file) {
                copy(__DIR__ . "/{$file}", "{$dir}/{$file}");
            }
            $args = ["{$dir}/scenario.php", "{$dir}/vendor/autoload.php", 'curl'];
            [$code, $out] = self::php($args, ['NAMASKAH_BASE_URL' => $url], $dir);
            $this->assertSame(0, $code, $out);
            $this->assertStringContainsString('e2e ok (curl)', $out);
        } finally {
            exec('rm -rf ' . escapeshellarg($dir));
        }
    }

    public function testTheExampleBuysAVerification(): void
    {
        $url = ReferenceServer::url($this);
        [$code, $out] = self::php(
            [
                self::SDK . '/../../examples/php/buy_verification.php',
                '--sandbox-sms=Your WhatsApp code is 246-810',
                '--timeout=60',
            ],
            [
                'NAMASKAH_BASE_URL' => $url,
                'NAMASKAH_API_KEY' => '',
                'NAMASKAH_EMAIL' => 'demo@namaskah.dev',
                'NAMASKAH_PASSWORD' => 'demo-password-123',
            ],
        );
        $this->assertSame(0, $code, $out);
        $this->assertMatchesRegularExpression('/bought ver_/', $out);
        $this->assertMatchesRegularExpression('/code: 246-?810/', $out);
    }

    /** @param array<string, string> $env */
    private static function envPrefix(array $env): string
    {
        return implode(' ', array_map(static fn ($k, $v) => $k . '=' . escapeshellarg($v), array_keys($env), $env));
    }
}
