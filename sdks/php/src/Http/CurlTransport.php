<?php

declare(strict_types=1);

namespace Namaskah\Http;

use CurlHandle;
use Namaskah\Core\Response;
use Namaskah\Exception\ConnectionException;
use Namaskah\Exception\TimeoutException;

/**
 * The default transport, on ext-curl: one handle reused across requests (keep-alive), TLS peer and host
 * verification on, HTTP/1.1 or HTTP/2 as the server offers.
 */
final class CurlTransport implements Transport
{
    private ?CurlHandle $handle = null;

    public function send(Request $request): Response
    {
        $handle = $this->handle ??= curl_init();
        curl_reset($handle);
        $headers = [];
        foreach ($request->headers as $name => $value) {
            $headers[] = "{$name}: {$value}";
        }
        $received = [];
        $options = [
            CURLOPT_URL => $request->url,
            CURLOPT_CUSTOMREQUEST => $request->method,
            CURLOPT_HTTPHEADER => $headers,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_SSL_VERIFYPEER => true,
            CURLOPT_SSL_VERIFYHOST => 2,
            CURLOPT_TIMEOUT_MS => (int) ceil($request->timeout * 1000),
            CURLOPT_CONNECTTIMEOUT_MS => (int) ceil($request->connectTimeout * 1000),
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
            CURLOPT_HEADERFUNCTION => static function ($ch, string $line) use (&$received): int {
                if (preg_match('/^HTTP\/\S+\s+\d+/', $line) === 1) {
                    $received = [];
                } elseif (str_contains($line, ':')) {
                    [$name, $value] = explode(':', $line, 2);
                    $name = strtolower(trim($name));
                    $value = trim($value);
                    $received[$name] = isset($received[$name]) ? "{$received[$name]}, {$value}" : $value;
                }

                return strlen($line);
            },
        ];
        if ($request->body !== null) {
            $options[CURLOPT_POSTFIELDS] = $request->body;
        }
        if ($request->method === 'HEAD') {
            $options[CURLOPT_NOBODY] = true;
        }
        curl_setopt_array($handle, $options);
        $body = curl_exec($handle);
        if ($body === false) {
            $errno = curl_errno($handle);
            $message = curl_error($handle);
            if ($errno === CURLE_OPERATION_TIMEDOUT) {
                throw new TimeoutException("namaskah: request timed out: {$message}", $errno);
            }
            throw new ConnectionException("namaskah: connection error: {$message}", $errno);
        }

        return new Response((int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE), $received, (string) $body);
    }
}
