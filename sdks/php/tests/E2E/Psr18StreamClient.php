<?php

declare(strict_types=1);

namespace Namaskah\Tests\E2E;

use Psr\Http\Client\ClientInterface;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseFactoryInterface;
use Psr\Http\Message\ResponseInterface;

/**
 * A small PSR-18 client for the tests, on PHP's http stream wrapper (not curl), so the injected-client
 * path is exercised with a transport of its own. Responses come from any PSR-17 factory.
 */
final class Psr18StreamClient implements ClientInterface
{
    public function __construct(private readonly ResponseFactoryInterface $responses)
    {
    }

    public function sendRequest(RequestInterface $request): ResponseInterface
    {
        $headers = [];
        foreach ($request->getHeaders() as $name => $values) {
            $headers[] = $name . ': ' . implode(', ', $values);
        }
        $context = stream_context_create(['http' => [
            'method' => $request->getMethod(),
            'header' => implode("\r\n", [...$headers, 'Connection: close']),
            'content' => (string) $request->getBody(),
            'ignore_errors' => true,
            'follow_location' => 0,
            'protocol_version' => 1.1,
            'timeout' => 30,
        ]]);
        $body = @file_get_contents((string) $request->getUri(), false, $context);
        $lines = $http_response_header ?? [];
        if ($body === false || $lines === []) {
            throw new StreamNetworkException("could not reach {$request->getUri()}", $request);
        }
        preg_match('/^HTTP\/\S+\s+(\d+)/', (string) $lines[0], $m);
        $response = $this->responses->createResponse((int) ($m[1] ?? 0));
        foreach (array_slice($lines, 1) as $line) {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $response = $response->withAddedHeader(trim($name), trim($value));
            }
        }
        $response->getBody()->write($body);
        $response->getBody()->rewind();

        return $response;
    }
}
