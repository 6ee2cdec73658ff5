<?php

/**
 * Buy a verification and print the code once it arrives.
 *
 *     NAMASKAH_BASE_URL=http://127.0.0.1:8080 php examples/php/buy_verification.php --country=US
 *
 * Credentials: $NAMASKAH_API_KEY, or else $NAMASKAH_EMAIL / $NAMASKAH_PASSWORD (the reference server's
 * demo account by default). With --sandbox-sms="Your code is 123-456" (sandbox servers only) the script
 * delivers a test SMS itself instead of waiting for the provider.
 */

declare(strict_types=1);

require __DIR__ . '/../../sdks/php/vendor/autoload.php';
require __DIR__ . '/credentials.php';

use Namaskah\Client;
use Namaskah\Exception\NamaskahException;
use Namaskah\Models\VerificationStatus;

$options = getopt('', ['service:', 'country:', 'timeout:', 'sandbox-sms:']);
$service = (string) ($options['service'] ?? 'whatsapp');
$country = (string) ($options['country'] ?? 'US');
$timeout = (float) ($options['timeout'] ?? 120);

try {
    $client = new Client(apiKey: exampleApiKey());
    $verification = $client->verifications->create(service: $service, country: $country);
    echo "bought {$verification->id}: {$verification->phoneNumber} for {$verification->service}, "
        . "{$verification->price?->amount} {$verification->price?->currency} minor units\n";
    if (isset($options['sandbox-sms'])) {
        $client->verifications->sandboxSms->create($verification->id, text: (string) $options['sandbox-sms']);
    }
    $done = $client->verifications->waitForCode($verification->id, pollInterval: 1.0, timeout: $timeout);
    echo $done->status === VerificationStatus::Completed ? "code: {$done->code}\n" : "ended: {$done->status->value}\n";
} catch (NamaskahException $e) {
    fwrite(STDERR, "error: {$e->getMessage()}\n");
    exit(1);
}
