<?php

declare(strict_types=1);

namespace Namaskah\Http;

/** One HTTP request as the SDK sends it, handed to a Transport. */
final class Request
{
    /**
     * @param array<string, string> $headers
     */
    public function __construct(
        public readonly string $method,
        public readonly string $url,
        public readonly array $headers,
        public readonly ?string $body,
        /** Seconds for the whole attempt. */
        public readonly float $timeout,
        public readonly float $connectTimeout,
    ) {
    }
}
