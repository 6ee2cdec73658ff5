<?php

declare(strict_types=1);

namespace Namaskah\Tests\Conformance;

use Namaskah\Core\Response;
use Namaskah\Exception\ConnectionException;
use Namaskah\Http\Request;
use Namaskah\Http\Transport;
use RuntimeException;

/** Answers the n-th request with the n-th scripted response and records every request as sent. */
final class ScriptedTransport implements Transport
{
    /** @var list<Request> */
    public array $requests = [];

    /** @param list<array<string, mixed>> $script */
    public function __construct(private readonly array $script)
    {
    }

    public function send(Request $request): Response
    {
        $this->requests[] = $request;
        $n = count($this->requests);
        $entry = $this->script[$n - 1] ?? null;
        if ($entry === null) {
            throw new RuntimeException("unexpected request #{$n}: {$request->method} {$request->url}");
        }
        if (isset($entry['network_error'])) {
            throw new ConnectionException("scripted {$entry['network_error']}");
        }
        $headers = [];
        foreach ($entry['headers'] ?? [] as $name => $value) {
            $headers[strtolower($name)] = (string) $value;
        }
        $body = '';
        if (array_key_exists('body_text', $entry)) {
            $body = $entry['body_text'];
        } elseif (array_key_exists('body', $entry)) {
            $body = json_encode($entry['body'], JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
            $headers['content-type'] ??= $entry['status'] >= 400 ? 'application/problem+json' : 'application/json';
        }

        return new Response($entry['status'], $headers, $body);
    }
}
