<?php

declare(strict_types=1);

namespace Namaskah\Tests\E2E;

use PHPUnit\Framework\TestCase;

/**
 * The reference server (server-reference/) started once per test run as a child process on a free port,
 * with an in-memory database, the simulator provider and the demo accounts (as the Go and Python SDK
 * end-to-end tests do). NAMASKAH_SKIP_E2E=1 leaves the end-to-end tests out.
 */
final class ReferenceServer
{
    private static ?string $url = null;
    /** @var resource|null */
    private static $process = null;

    public static function url(TestCase $test): string
    {
        if (getenv('NAMASKAH_SKIP_E2E') === '1') {
            $test->markTestSkipped('end-to-end tests disabled (NAMASKAH_SKIP_E2E=1)');
        }
        if (self::$url !== null) {
            return self::$url;
        }
        $node = self::node();
        if ($node === null) {
            $test->markTestSkipped('no Node.js to run the reference server (run through `pnpm test`, which has it)');
        }
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $name = (string) stream_socket_get_name($socket, false);
        $port = (int) substr($name, strrpos($name, ':') + 1);
        fclose($socket);
        $env = [
            ...getenv(),
            'PORT' => (string) $port,
            'HOST' => '127.0.0.1',
            'DATA_DIR' => 'memory://',
            'SIMULATOR_SMS_DELAY_MS' => '600000',
            'LOG_LEVEL' => 'warn',
        ];
        $root = dirname(__DIR__, 4) . '/server-reference';
        $command = [$node, '--import', 'tsx', 'src/main.ts'];
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => STDERR], $pipes, $root, $env);
        if (!is_resource($process)) {
            $test->fail('could not start the reference server');
        }
        self::$process = $process;
        register_shutdown_function(static function (): void {
            if (is_resource(self::$process)) {
                proc_terminate(self::$process);
                proc_close(self::$process);
            }
        });
        $deadline = microtime(true) + 90;
        stream_set_blocking($pipes[1], false);
        $out = '';
        while (!str_contains($out, 'reference server on')) {
            if (microtime(true) > $deadline || !proc_get_status($process)['running']) {
                $test->fail("the reference server did not start:\n{$out}");
            }
            $out .= (string) fread($pipes[1], 8192);
            usleep(100_000);
        }

        return self::$url = "http://127.0.0.1:{$port}";
    }

    private static function node(): ?string
    {
        $path = trim((string) shell_exec('command -v node'));
        if ($path !== '') {
            return $path;
        }
        $local = dirname(__DIR__, 4) . '/.toolchain/node_modules/.bin/node';

        return is_file($local) ? $local : null;
    }
}
