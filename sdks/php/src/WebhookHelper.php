<?php

declare(strict_types=1);

namespace Namaskah;

use Namaskah\Core\Model;
use Namaskah\Exception\WebhookVerificationException;

/**
 * `$client->webhooks`: Webhooks::verify() and Webhooks::sign() with the client's secret (`webhookSecret`,
 * else NAMASKAH_WEBHOOK_SECRET) when none is passed.
 *
 * ```php
 * $client = new Client(webhookSecret: 'whsec_...');
 * $event = $client->webhooks->verify(file_get_contents('php://input'), getallheaders());
 * ```
 */
final class WebhookHelper
{
    private readonly ?string $secret;

    /** @param ?string $secret Defaults to NAMASKAH_WEBHOOK_SECRET. */
    public function __construct(?string $secret = null)
    {
        $env = getenv('NAMASKAH_WEBHOOK_SECRET');
        $this->secret = $secret !== null && $secret !== '' ? $secret : ($env === false || $env === '' ? null : $env);
    }

    /**
     * Webhooks::verify(), with the client's secret unless one is given.
     *
     * @param array<string, string|list<string>> $headers
     * @throws WebhookVerificationException
     */
    public function verify(
        mixed $payload,
        array $headers,
        ?string $secret = null,
        int $tolerance = Webhooks::DEFAULT_TOLERANCE,
        ?int $now = null,
    ): Model {
        return Webhooks::verify($payload, $headers, $this->secretOr($secret), $tolerance, $now);
    }

    /**
     * Webhooks::sign(), with the client's secret unless one is given.
     *
     * @return array<string, string>
     */
    public function sign(string $payload, ?string $secret = null, ?string $msgId = null, ?int $timestamp = null): array
    {
        return Webhooks::sign($payload, $this->secretOr($secret), $msgId, $timestamp);
    }

    /** @return array<string, mixed> */
    public function __debugInfo(): array
    {
        return ['secret' => $this->secret === null ? null : '[redacted]'];
    }

    private function secretOr(?string $secret): string
    {
        $value = $secret !== null && $secret !== '' ? $secret : $this->secret;
        if ($value === null) {
            throw new WebhookVerificationException(
                'namaskah: no webhook secret: pass one, set webhookSecret on the Client or NAMASKAH_WEBHOOK_SECRET',
            );
        }

        return $value;
    }
}
