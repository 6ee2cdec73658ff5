<?php

declare(strict_types=1);

namespace Namaskah\Core;

use JsonException;
use UnexpectedValueException;

/** One HTTP response as received: status, headers (lower-case names) and the raw body. */
final class Response
{
    /**
     * @param array<string, string> $headers Lower-case name => value (repeated headers joined with ", ").
     */
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
    ) {
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }

    /** The `Request-Id` header: quote it when asking for support. */
    public function requestId(): ?string
    {
        return $this->header('request-id');
    }

    public function rateLimit(): RateLimit
    {
        return RateLimit::fromHeaders($this->headers);
    }

    /** The body decoded as JSON (objects as arrays, integers as int); null for an empty body. */
    public function json(): mixed
    {
        if (trim($this->body) === '') {
            return null;
        }
        try {
            return json_decode($this->body, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        } catch (JsonException $e) {
            throw new UnexpectedValueException("the {$this->status} response is not JSON: {$e->getMessage()}", 0, $e);
        }
    }

    public function eventStream(): EventStream
    {
        return new EventStream((function () {
            yield $this->body;
        })());
    }
}
