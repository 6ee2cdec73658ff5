<?php

declare(strict_types=1);

namespace Namaskah\Core;

/** The rate-limit headers of a response (`RateLimit-Limit`, `-Remaining`, `-Reset`, `Retry-After`). */
final class RateLimit
{
    public function __construct(
        public readonly ?int $limit,
        public readonly ?int $remaining,
        public readonly ?int $resetSeconds,
        public readonly ?int $retryAfterSeconds,
    ) {
    }

    /** @param array<string, string> $headers Lower-case names. */
    public static function fromHeaders(array $headers): self
    {
        $int = static function (string $name) use ($headers): ?int {
            $raw = trim($headers[$name] ?? '');

            return preg_match('/^-?\d+$/', $raw) === 1 ? (int) $raw : null;
        };

        return new self(
            $int('ratelimit-limit'),
            $int('ratelimit-remaining'),
            $int('ratelimit-reset'),
            $int('retry-after'),
        );
    }
}
