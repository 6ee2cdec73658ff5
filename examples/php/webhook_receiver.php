<?php

/**
 * Receive Namaskah webhooks and check their Standard Webhooks signature before trusting them. A router
 * script for PHP's built-in server (behind nginx or Apache the same code runs as a normal endpoint):
 *
 *     NAMASKAH_WEBHOOK_SECRET=whsec_... php -S 127.0.0.1:4242 examples/php/webhook_receiver.php
 *
 * Register http(s)://<this host>:4242/webhooks as an endpoint (POST /v1/webhook-endpoints); its secret is
 * what NAMASKAH_WEBHOOK_SECRET must hold. A 2xx tells Namaskah the delivery arrived; anything else (or no
 * answer within 15 s) makes it retry later. Delivery is at least once: dedupe by the event id in your
 * database before acting on an event.
 */

declare(strict_types=1);

require __DIR__ . '/../../sdks/php/vendor/autoload.php';

use Namaskah\Exception\WebhookVerificationException;
use Namaskah\Models\VerificationCompletedEvent;
use Namaskah\Webhooks;

if ($_SERVER['REQUEST_METHOD'] !== 'POST' || parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) !== '/webhooks') {
    http_response_code(404);
    return;
}

$log = static fn (string $line) => file_put_contents('php://stderr', $line . "\n");
try {
    // The raw body, exactly as received: a json_decode result encoded again never verifies.
    $event = Webhooks::verify(
        (string) file_get_contents('php://input'),
        getallheaders(),
        (string) getenv('NAMASKAH_WEBHOOK_SECRET'),
    );
} catch (WebhookVerificationException $e) {
    $log("rejected: {$e->getMessage()}");
    http_response_code(400);
    return;
}
http_response_code(204);
$code = $event instanceof VerificationCompletedEvent ? " code={$event->data?->code}" : '';
$log("verified {$event->type} {$event->id}{$code}");
