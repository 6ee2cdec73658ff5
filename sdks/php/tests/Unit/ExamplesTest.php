<?php

declare(strict_types=1);

namespace Namaskah\Tests\Unit;

use Namaskah\Client;
use Namaskah\Core\Response;
use Namaskah\Http\Request;
use Namaskah\Http\Transport;
use PHPUnit\Framework\TestCase;

/**
 * Every docblock example of the generated resources runs: against a transport that answers `200 {}`,
 * each call must accept its example arguments (names and types, under strict types) and decode.
 */
final class ExamplesTest extends TestCase
{
    /** @return iterable<string, array{string}> */
    public static function examples(): iterable
    {
        foreach (glob(__DIR__ . '/../../src/Resources/*.php') ?: [] as $file) {
            $source = (string) file_get_contents($file);
            preg_match_all('/\* ```php\n(.*?)\n\s*\* ```/s', $source, $blocks);
            foreach ($blocks[1] as $i => $block) {
                $code = implode("\n", array_map(
                    static fn (string $line) => (string) preg_replace('/^\s*\* ?/', '', $line),
                    explode("\n", $block),
                ));
                yield basename($file) . " #{$i}" => [$code];
            }
        }
    }

    /** @dataProvider examples */
    public function testTheExampleRuns(string $code): void
    {
        $transport = new class implements Transport {
            public int $sent = 0;

            public function send(Request $request): Response
            {
                $this->sent++;

                return new Response(200, ['content-type' => 'application/json'], '{}');
            }
        };
        $client = new Client(apiKey: 'nmk_test_examples', baseUrl: 'http://examples.test', transport: $transport);
        (static function (Client $client) use ($code): void {
            eval($code);
        })($client);
        $this->assertSame(1, $transport->sent, $code);
    }
}
