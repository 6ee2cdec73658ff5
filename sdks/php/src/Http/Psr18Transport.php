<?php

declare(strict_types=1);

namespace Namaskah\Http;

use Namaskah\Core\Response;
use Namaskah\Exception\ConnectionException;
use Psr\Http\Client\ClientExceptionInterface;
use Psr\Http\Client\ClientInterface;
use Psr\Http\Client\NetworkExceptionInterface;
use Psr\Http\Message\RequestFactoryInterface;
use Psr\Http\Message\StreamFactoryInterface;

/**
 * Sends through any PSR-18 client (Guzzle, Symfony HttpClient's Psr18Client, ...), with the PSR-17
 * factories that build its requests. Timeouts are the client's own configuration.
 */
final class Psr18Transport implements Transport
{
    public function __construct(
        private readonly ClientInterface $client,
        private readonly RequestFactoryInterface $requestFactory,
        private readonly StreamFactoryInterface $streamFactory,
    ) {
    }

    public function send(Request $request): Response
    {
        $psr = $this->requestFactory->createRequest($request->method, $request->url);
        foreach ($request->headers as $name => $value) {
            $psr = $psr->withHeader($name, $value);
        }
        if ($request->body !== null) {
            $psr = $psr->withBody($this->streamFactory->createStream($request->body));
        }
        try {
            $response = $this->client->sendRequest($psr);
        } catch (NetworkExceptionInterface $e) {
            throw new ConnectionException("namaskah: connection error: {$e->getMessage()}", 0, $e);
        } catch (ClientExceptionInterface $e) {
            throw new ConnectionException("namaskah: HTTP client error: {$e->getMessage()}", 0, $e);
        }
        $headers = [];
        foreach ($response->getHeaders() as $name => $values) {
            $headers[strtolower((string) $name)] = implode(', ', $values);
        }

        return new Response($response->getStatusCode(), $headers, (string) $response->getBody());
    }
}
