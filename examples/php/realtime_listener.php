<?php

/**
 * Print every event of the account as it happens, over the real-time stream (Server-Sent Events).
 *
 *     NAMASKAH_BASE_URL=http://127.0.0.1:8080 php examples/php/realtime_listener.php
 *
 * A dropped connection is reopened after a jittered backoff and resumes after the last event id seen, so
 * no event is missed. Credentials as in buy_verification.php.
 */

declare(strict_types=1);

require __DIR__ . '/../../sdks/php/vendor/autoload.php';
require __DIR__ . '/credentials.php';

use Namaskah\Client;
use Namaskah\Exception\NamaskahException;
use Namaskah\Models\VerificationCompletedEvent;

try {
    $client = new Client(apiKey: exampleApiKey());
    $listening = false;
    // ticks: a null once a second with nothing new, so the first one says the stream is open.
    foreach ($client->realtime->events->listen(ticks: true) as $event) {
        if (!$listening) {
            echo "listening\n";
            $listening = true;
        }
        if ($event === null) {
            continue;
        }
        $code = $event instanceof VerificationCompletedEvent ? " code={$event->data?->code}" : '';
        echo "event {$event->sequence} {$event->type}{$code}\n";
    }
} catch (NamaskahException $e) {
    fwrite(STDERR, "error: {$e->getMessage()}\n");
    exit(1);
}
