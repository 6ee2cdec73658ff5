<?php

/**
 * The end-to-end scenario against a running reference server, as a standalone script so it runs the same
 * in this repository and in a clean folder where the package was installed with Composer:
 *
 *     NAMASKAH_BASE_URL=http://127.0.0.1:8080 php scenario.php path/to/vendor/autoload.php curl|psr18
 *
 * API key, buy, wait for the code, pagination, idempotency, a typed exception, webhook verification.
 * Prints `e2e ok (<transport>)` and exits 0, or prints what failed and exits 1.
 */

declare(strict_types=1);

require $argv[1];
foreach (['Psr/Http/Client/autoload.php', 'Psr/Http/Message/autoload.php', 'Nyholm/Psr7/autoload.php'] as $lib) {
    foreach (explode(PATH_SEPARATOR, get_include_path()) as $dir) {
        if (is_file("{$dir}/{$lib}")) {
            require_once "{$dir}/{$lib}";
            break;
        }
    }
}
require_once __DIR__ . '/StreamNetworkException.php';
require_once __DIR__ . '/Psr18StreamClient.php';

use Namaskah\Client;
use Namaskah\Exception\NotFoundException;
use Namaskah\Models;
use Namaskah\Webhooks;

$check = static function (bool $ok, string $what): void {
    if (!$ok) {
        fwrite(STDERR, "e2e: FAILED: {$what}\n");
        exit(1);
    }
};

$transport = $argv[2] ?? 'curl';
$baseUrl = getenv('NAMASKAH_BASE_URL') ?: 'http://127.0.0.1:8080';
$client = static function (string $apiKey) use ($transport, $baseUrl): Client {
    if ($transport === 'psr18') {
        $factory = new Nyholm\Psr7\Factory\Psr17Factory();

        return new Client(
            apiKey: $apiKey,
            baseUrl: $baseUrl,
            httpClient: new Namaskah\Tests\E2E\Psr18StreamClient($factory),
            requestFactory: $factory,
            streamFactory: $factory,
        );
    }

    return new Client(apiKey: $apiKey, baseUrl: $baseUrl);
};

// Log in, then make an API key and use only that.
$login = $client('')->auth->login(email: 'demo@namaskah.dev', password: 'demo-password-123');
$check($login instanceof Models\LoginAuthenticated, 'login gives a session');
$key = $client($login->tokens->accessToken)->apiKeys->create(
    name: "e2e-php-{$transport}",
    scopes: [
        Models\ApiKeyScope::VerificationsRead,
        Models\ApiKeyScope::VerificationsWrite,
        Models\ApiKeyScope::WalletRead,
        Models\ApiKeyScope::WebhooksRead,
        Models\ApiKeyScope::WebhooksWrite,
        Models\ApiKeyScope::EventsRead,
    ],
);
$check(is_string($key->secret) && $key->secret !== '', 'the new API key has a secret');
$api = $client($key->secret);

$before = $api->wallet->retrieve();
$verification = $api->verifications->create(service: 'whatsapp', country: 'US');
$check($verification->status === Models\VerificationStatus::Pending, 'a new verification is pending');
$check($verification->code === null && $verification->price->amount > 0, 'no code yet, a price');
$check($api->lastResponse()?->requestId() !== null, 'the raw response has a request id');

$api->verifications->sandboxSms->create($verification->id, text: 'Your WhatsApp code is 123-456');
$done = $api->verifications->waitForCode($verification->id, pollInterval: 0.2, timeout: 60.0);
$check($done->status === Models\VerificationStatus::Completed, 'the verification completed');
$check(str_replace('-', '', (string) $done->code) === '123456', "the code arrived (got {$done->code})");
$after = $api->wallet->retrieve();
$check($before->balance->amount - $after->balance->amount === $verification->price->amount, 'charged the price once');

// Real time: the event stream delivers the code of a second purchase as it happens (curl streams).
if ($transport === 'curl') {
    $live = $api->realtime->events->listen(ticks: true);
    $live->current();
    $second = $api->verifications->create(service: 'whatsapp', country: 'US');
    $api->verifications->sandboxSms->create($second->id, text: 'code 987654');
    $until = microtime(true) + 30;
    $code = null;
    for (; $live->valid() && microtime(true) < $until; $live->next()) {
        $event = $live->current();
        if ($event instanceof Models\VerificationCompletedEvent && $event->data->id === $second->id) {
            $code = $event->data->code;
            break;
        }
    }
    $check($code === '987654', 'the event stream delivered verification.completed with the code');
}

// Idempotency: the same key replays the same purchase.
$idem = new Namaskah\Core\RequestOptions(idempotencyKey: 'e2e-php-' . bin2hex(random_bytes(8)));
$first = $api->verifications->create(service: 'telegram', country: 'US', options: $idem);
$again = $api->verifications->create(service: 'telegram', country: 'US', options: $idem);
$check($first->id === $again->id, 'an idempotent replay returns the same verification');

// Pagination: one item per page, across pages.
$seen = [];
foreach ($api->verifications->list(limit: 1)->autoPagingIterator() as $item) {
    $check($item instanceof Models\Verification, 'pages hold Verification models');
    $seen[] = $item->id;
    if (count($seen) >= 3) {
        break;
    }
}
$check(count($seen) >= 2 && count(array_unique($seen)) === count($seen), 'auto-pagination walked several pages');
$check(in_array($first->id, $seen, true), 'the newest verification is listed first');

// A typed exception with the request id.
try {
    $api->verifications->retrieve('ver_00000000000000000000000000');
    $check(false, 'a missing verification throws');
} catch (NotFoundException $e) {
    $check($e->status === 404 && $e->requestId !== null, 'NotFoundException carries the request id');
}

// Webhooks: an endpoint's real secret, a signed payload, verified and parsed into its event class.
$endpoint = $api->webhookEndpoints->create(
    url: 'http://127.0.0.1:9/hooks/php',
    eventTypes: ['verification.completed'],
);
$payload = json_encode([
    'id' => 'evt_e2e_php',
    'type' => 'verification.completed',
    'created_at' => '2026-01-01T00:00:00Z',
    'sequence' => 1,
    'data' => $done->toArray(),
], JSON_UNESCAPED_SLASHES);
$headers = Webhooks::sign($payload, (string) $endpoint->secret);
$event = Webhooks::verify($payload, $headers, (string) $endpoint->secret);
$check($event instanceof Models\VerificationCompletedEvent, 'the event parses into VerificationCompletedEvent');
$check($event->data->id === $verification->id, 'the event carries the verification');
try {
    Webhooks::verify(json_decode($payload, true), $headers, (string) $endpoint->secret);
    $check(false, 'a decoded body is refused');
} catch (Namaskah\Exception\WebhookVerificationException $e) {
    $check(str_contains($e->getMessage(), 'raw request body'), 'the error says the raw body is needed');
}
$api->webhookEndpoints->delete($endpoint->id);

echo "e2e ok ({$transport})\n";
