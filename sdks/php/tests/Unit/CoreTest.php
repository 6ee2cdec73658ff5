<?php

declare(strict_types=1);

namespace Namaskah\Tests\Unit;

use Namaskah\Client;
use Namaskah\Core\HttpClient;
use Namaskah\Core\NotGiven;
use Namaskah\Core\RequestOptions;
use Namaskah\Core\StderrLogger;
use Namaskah\Exception\MissingCredentialsException;
use Namaskah\Exception\WebhookVerificationException;
use Namaskah\Core\Response;
use Namaskah\Http\Request;
use Namaskah\Http\Transport;
use Namaskah\Models;
use Namaskah\Webhooks;
use PHPUnit\Framework\TestCase;
use Psr\Log\AbstractLogger;

/** The core's behaviour the conformance suite does not pin: logging, environment, jitter, dates, models. */
final class CoreTest extends TestCase
{
    /** @param list<Response> $responses */
    private static function transport(array $responses, array &$sent): Transport
    {
        return new class ($responses, $sent) implements Transport {
            /** @param list<Response> $responses */
            public function __construct(private array $responses, private array &$sent)
            {
            }

            public function send(Request $request): Response
            {
                $this->sent[] = $request;

                return array_shift($this->responses) ?? new Response(500, [], '');
            }
        };
    }

    public function testTheLoggerNeverSeesTheApiKey(): void
    {
        $logger = new class extends AbstractLogger {
            /** @var list<string> */
            public array $lines = [];

            public function log($level, $message, array $context = []): void
            {
                $this->lines[] = $level . ' ' . $message . ' ' . json_encode($context);
            }
        };
        $sent = [];
        $client = new Client(
            apiKey: 'nmk_live_supersecret',
            baseUrl: 'http://unit.test',
            transport: self::transport([new Response(503, [], ''), new Response(200, [], '{"currency":"USD"}')], $sent),
            logger: $logger,
            sleep: static function (float $s): void {
            },
        );
        $client->wallet->retrieve();
        $this->assertCount(2, $sent);
        $this->assertSame('Bearer nmk_live_supersecret', $sent[0]->headers['Authorization']);
        $all = implode("\n", $logger->lines);
        $this->assertStringNotContainsString('supersecret', $all);
        $this->assertStringContainsString('Bearer [redacted]', $all);
        $this->assertStringContainsString('retrying', $all);
    }

    public function testTheEnvironmentGivesTheKeyAndTheBaseUrl(): void
    {
        putenv('NAMASKAH_API_KEY=nmk_test_env');
        putenv('NAMASKAH_BASE_URL=http://env.test/');
        try {
            $sent = [];
            $client = new Client(transport: self::transport([new Response(200, [], '{}')], $sent));
            $client->wallet->retrieve();
            $this->assertSame('http://env.test/v1/wallet', $sent[0]->url);
            $this->assertSame('Bearer nmk_test_env', $sent[0]->headers['Authorization']);
        } finally {
            putenv('NAMASKAH_API_KEY');
            putenv('NAMASKAH_BASE_URL');
        }
    }

    public function testXShouldRetryOverridesTheStatus(): void
    {
        $sent = [];
        $client = new Client(apiKey: 'k', baseUrl: 'http://unit.test', sleep: static function (float $s): void {
        }, transport: self::transport([
            new Response(400, ['x-should-retry' => 'true'], '{}'),
            new Response(200, [], '{}'),
        ], $sent));
        $client->wallet->retrieve();
        $this->assertCount(2, $sent);

        $sent = [];
        $client = new Client(apiKey: 'k', baseUrl: 'http://unit.test', transport: self::transport([
            new Response(503, ['x-should-retry' => 'false'], '{}'),
        ], $sent));
        $this->expectException(\Namaskah\Exception\InternalServerException::class);
        try {
            $client->wallet->retrieve();
        } finally {
            $this->assertCount(1, $sent);
        }
    }

    public function testRetryAfterAsAnHttpDateAndItsBounds(): void
    {
        $now = 1_767_225_600.0;
        $date = gmdate('D, d M Y H:i:s \G\M\T', (int) $now + 5);
        $this->assertSame(5.0, HttpClient::serverRequestedDelay(['retry-after' => $date], $now));
        $this->assertSame(0.25, HttpClient::serverRequestedDelay(['retry-after-ms' => '250', 'retry-after' => '9']));
        $this->assertNull(HttpClient::serverRequestedDelay(['retry-after' => '61']));
        $this->assertNull(HttpClient::serverRequestedDelay(['retry-after' => '-1']));
        $this->assertNull(HttpClient::serverRequestedDelay(['retry-after' => 'soon']));
    }

    public function testBackoffGrowsWithJitterAndIsCapped(): void
    {
        $waits = [];
        $sent = [];
        $client = new Client(
            apiKey: 'k',
            baseUrl: 'http://unit.test',
            maxRetries: 6,
            transport: self::transport(array_fill(0, 7, new Response(503, [], '')), $sent),
            sleep: static function (float $s) use (&$waits): void {
                $waits[] = $s;
            },
        );
        try {
            $client->wallet->retrieve();
            $this->fail('must throw');
        } catch (\Namaskah\Exception\InternalServerException) {
        }
        $this->assertCount(6, $waits);
        foreach ([0.5, 1, 2, 4, 8, 8] as $i => $ceiling) {
            $this->assertLessThanOrEqual($ceiling, $waits[$i]);
            $this->assertGreaterThanOrEqual($ceiling * 0.75, $waits[$i]);
        }
    }

    public function testModelsRoundTripAndKeepAbsentApartFromNull(): void
    {
        $price = ['amount' => 5, 'currency' => 'USD'];
        $data = ['id' => 'ver_1', 'status' => 'pending', 'code' => null, 'price' => $price];
        $v = Models\Verification::fromArray($data);
        $this->assertSame(Models\VerificationStatus::Pending, $v->status);
        $this->assertTrue($v->has('code'));
        $this->assertFalse($v->has('carrier'));
        $this->assertSame(['id' => 'ver_1', 'status' => 'pending', 'price' => $price, 'code' => null], $v->toArray());
        $unknown = Models\Verification::fromArray(['status' => 'on_hold']);
        $this->assertSame('on_hold', $unknown->status, 'an enum value added later still decodes');
        $money = new Models\Money(amount: 7, currency: 'EUR');
        $this->assertSame(['amount' => 7, 'currency' => 'EUR'], $money->toArray());
    }

    public function testAnOmittedNullableFieldIsNotSentAndAnExplicitNullIs(): void
    {
        $sent = [];
        $client = new Client(apiKey: 'k', baseUrl: 'http://unit.test', transport: self::transport([
            new Response(200, [], '{"id":"whk_1"}'),
            new Response(200, [], '{"id":"whk_1"}'),
        ], $sent));
        $client->webhookEndpoints->update('whk_1', enabled: true);
        $client->webhookEndpoints->update('whk_1', description: null);
        $this->assertSame('{"enabled":true}', $sent[0]->body);
        $this->assertSame('{"description":null}', $sent[1]->body);
        $update = new \ReflectionMethod($client->webhookEndpoints, 'update');
        $this->assertSame(NotGiven::Value, $update->getParameters()[2]->getDefaultValue());
    }

    public function testACallThatNeedsCredentialsIsRefusedWithoutARequest(): void
    {
        $saved = getenv('NAMASKAH_API_KEY');
        putenv('NAMASKAH_API_KEY');
        try {
            $sent = [];
            $client = new Client(baseUrl: 'http://unit.test', transport: self::transport([
                new Response(200, [], '{"status":"ok"}'),
                new Response(200, [], '{"currency":"USD"}'),
            ], $sent));
            try {
                $client->wallet->retrieve();
                $this->fail('a call that needs credentials went out');
            } catch (MissingCredentialsException $e) {
                $this->assertSame('GET /v1/wallet', $e->operation);
                $this->assertStringContainsString('NAMASKAH_API_KEY', $e->getMessage());
            }
            $this->assertCount(0, $sent);
            // A public call still goes out, with no Authorization header.
            $status = $client->health->retrieve()->status;
            $this->assertSame('ok', $status instanceof \BackedEnum ? $status->value : $status);
            $this->assertCount(1, $sent);
            $this->assertArrayNotHasKey('Authorization', $sent[0]->headers);
            // A per-request key is credentials enough.
            $client->wallet->retrieve(new RequestOptions(apiKey: 'nmk_test_once'));
            $this->assertSame('Bearer nmk_test_once', $sent[1]->headers['Authorization']);
        } finally {
            if ($saved !== false) {
                putenv("NAMASKAH_API_KEY={$saved}");
            }
        }
    }

    public function testTheWebhookSecretComesFromTheClientOrTheEnvironment(): void
    {
        $secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
        $body = '{"id":"evt_1","type":"balance.low","sequence":1,"created_at":"2026-01-01T00:00:00Z","data":{}}';
        $saved = getenv('NAMASKAH_WEBHOOK_SECRET');
        putenv('NAMASKAH_WEBHOOK_SECRET');
        try {
            $webhooks = (new Client(apiKey: 'k', webhookSecret: $secret))->webhooks;
            $headers = $webhooks->sign($body);
            $again = Webhooks::sign($body, $secret, $headers['webhook-id'], (int) $headers['webhook-timestamp']);
            $this->assertSame($again['webhook-signature'], $headers['webhook-signature']);
            $this->assertSame('evt_1', $webhooks->verify($body, $headers)->id);
            $this->assertStringNotContainsString($secret, print_r($webhooks, true));
            try {
                (new Client(apiKey: 'k'))->webhooks->sign($body);
                $this->fail('signed without a secret');
            } catch (WebhookVerificationException $e) {
                $this->assertStringContainsString('NAMASKAH_WEBHOOK_SECRET', $e->getMessage());
            }
            putenv("NAMASKAH_WEBHOOK_SECRET={$secret}");
            $fromEnv = (new Client(apiKey: 'k'))->webhooks;
            $this->assertSame('evt_1', $fromEnv->verify($body, Webhooks::sign($body, $secret))->id);
        } finally {
            putenv($saved === false ? 'NAMASKAH_WEBHOOK_SECRET' : "NAMASKAH_WEBHOOK_SECRET={$saved}");
        }
    }

    public function testTheVersionIsStampedFromSdksVersion(): void
    {
        $root = dirname(__DIR__, 4);
        $this->assertSame(trim((string) file_get_contents("{$root}/sdks/VERSION")), Client::VERSION);
        exec('node ' . escapeshellarg("{$root}/scripts/stamp-version.mjs") . ' --check 2>&1', $out, $code);
        $this->assertSame(0, $code, implode("\n", $out));
    }

    public function testTheLogLevelComesFromNamaskahLog(): void
    {
        $logger = new class extends AbstractLogger {
            /** @var list<string> */
            public array $levels = [];

            public function log($level, $message, array $context = []): void
            {
                $this->levels[] = (string) $level;
            }
        };
        $saved = getenv('NAMASKAH_LOG');
        putenv('NAMASKAH_LOG=warn');
        try {
            $sent = [];
            $sleep = static function (float $s): void {
            };
            $script = static fn () => self::transport([new Response(503, [], ''), new Response(200, [], '{}')], $sent);
            $client = new Client(
                apiKey: 'k',
                baseUrl: 'http://unit.test',
                logger: $logger,
                sleep: $sleep,
                transport: $script(),
            );
            $client->wallet->retrieve();
            $this->assertSame([], $logger->levels, 'debug and info records dropped at warn');
            putenv('NAMASKAH_LOG');
            $client = new Client(
                apiKey: 'k',
                baseUrl: 'http://unit.test',
                logger: $logger,
                logLevel: 'info',
                sleep: $sleep,
                transport: $script(),
            );
            $client->wallet->retrieve();
            $this->assertSame(['info'], $logger->levels);
        } finally {
            putenv($saved === false ? 'NAMASKAH_LOG' : "NAMASKAH_LOG={$saved}");
        }
        $stream = fopen('php://memory', 'w+');
        $sink = new StderrLogger($stream);
        $sink->log('info', 'namaskah: retrying', ['attempt' => 1]);
        rewind($stream);
        $this->assertSame("[info] namaskah: retrying {\"attempt\":1}\n", stream_get_contents($stream));
    }

    public function testNamaskahLogAloneLogsToStderr(): void
    {
        $php = escapeshellarg(PHP_BINARY);
        $autoload = escapeshellarg(dirname(__DIR__, 2) . '/vendor/autoload.php');
        $script = 'require $argv[1]; '
            . '$c = new Namaskah\Client(apiKey: "nmk_test_secret", baseUrl: "http://127.0.0.1:1", maxRetries: 0); '
            . 'try { $c->wallet->retrieve(); } catch (Namaskah\Exception\ConnectionException) {}';
        $cmd = 'NAMASKAH_LOG=debug ' . $php . ' -r ' . escapeshellarg($script) . ' ' . $autoload . ' 2>&1 >/dev/null';
        $err = (string) shell_exec($cmd);
        $this->assertStringContainsString('[debug] namaskah: request', $err);
        $this->assertStringContainsString('Bearer [redacted]', $err);
        $this->assertStringNotContainsString('nmk_test_secret', $err);
    }
}
