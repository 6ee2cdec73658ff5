<?php

declare(strict_types=1);

namespace Namaskah\Core;

/**
 * Per-call overrides, the last argument of every method:
 *
 * ```php
 * $options = new RequestOptions(idempotencyKey: 'order-42', timeout: 10.0);
 * $client->verifications->create(service: 'whatsapp', country: 'US', options: $options);
 * ```
 */
final class RequestOptions
{
    /**
     * @param array<string, string> $headers Extra request headers.
     */
    public function __construct(
        public readonly ?string $idempotencyKey = null,
        public readonly ?int $maxRetries = null,
        public readonly ?float $timeout = null,
        public readonly array $headers = [],
        public readonly ?string $apiKey = null,
    ) {
    }
}
