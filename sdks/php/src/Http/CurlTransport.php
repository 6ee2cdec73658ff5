<?php

declare(strict_types=1);

namespace Namaskah\Http;

use CurlHandle;
use Namaskah\Core\Response;
use Namaskah\Exception\ConnectionException;
use Namaskah\Exception\TimeoutException;

/**
 * The default transport, on ext-curl: one handle reused across requests (keep-alive), TLS peer and host
 * verification on, HTTP/1.1 or HTTP/2 as the server offers. Streams (Server-Sent Events) get a handle of
 * their own, read through curl_multi as the bytes arrive.
 */
final class CurlTransport implements StreamingTransport
{
    private ?CurlHandle $handle = null;

    public function send(Request $request): Response
    {
        $handle = $this->handle ??= curl_init();
        curl_reset($handle);
        $received = [];
        $status = 0;
        curl_setopt_array($handle, self::options($request, $received, $status));
        $body = curl_exec($handle);
        if ($body === false) {
            self::fail(curl_errno($handle), curl_error($handle));
        }

        return new Response((int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE), $received, (string) $body);
    }

    public function open(Request $request): array
    {
        $handle = curl_init();
        $received = [];
        $status = 0;
        $buffer = '';
        $options = self::options($request, $received, $status);
        $options[CURLOPT_RETURNTRANSFER] = false;
        $options[CURLOPT_WRITEFUNCTION] = static function ($ch, string $data) use (&$buffer): int {
            $buffer .= $data;

            return strlen($data);
        };
        curl_setopt_array($handle, $options);
        $multi = curl_multi_init();
        curl_multi_add_handle($multi, $handle);
        $running = 1;
        $pump = static function (float $wait) use ($multi, &$running): void {
            do {
                $code = curl_multi_exec($multi, $running);
            } while ($code === CURLM_CALL_MULTI_PERFORM);
            if ($running > 0 && curl_multi_select($multi, $wait) === -1) {
                usleep(10_000);
            }
            do {
                $code = curl_multi_exec($multi, $running);
            } while ($code === CURLM_CALL_MULTI_PERFORM);
        };
        $close = static function () use ($multi, $handle): void {
            curl_multi_remove_handle($multi, $handle);
            curl_close($handle);
            curl_multi_close($multi);
        };
        $check = static function () use ($multi, $close): void {
            $info = curl_multi_info_read($multi);
            if ($info !== false && $info['result'] !== CURLE_OK) {
                $close();
                self::fail($info['result'], curl_strerror($info['result']) ?? 'transfer failed');
            }
        };
        while ($status < 200 && $running > 0) {
            $pump(1.0);
        }
        if ($status < 200) {
            $check();
            $close();
            throw new ConnectionException('namaskah: connection error: no response');
        }
        if ($status >= 300) {
            while ($running > 0) {
                $pump(1.0);
            }
            $close();

            return [new Response($status, $received, $buffer), []];
        }
        $chunks = (static function () use (&$buffer, &$running, $pump, $check, $close) {
            try {
                while (true) {
                    if ($buffer !== '') {
                        $chunk = $buffer;
                        $buffer = '';
                        yield $chunk;
                        continue;
                    }
                    if ($running === 0) {
                        $check();

                        return;
                    }
                    $pump(1.0);
                    if ($buffer === '') {
                        yield '';
                    }
                }
            } finally {
                if ($running !== -1) {
                    $running = -1;
                    @$close();
                }
            }
        })();

        return [new Response($status, $received, ''), $chunks];
    }

    /**
     * @param array<string, string> $received Filled with the response headers (lower-case names).
     * @param int $status Set to the status once the headers are complete.
     * @return array<int, mixed>
     */
    private static function options(Request $request, array &$received, int &$status): array
    {
        $headers = [];
        foreach ($request->headers as $name => $value) {
            $headers[] = "{$name}: {$value}";
        }
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
            CURLOPT_HEADERFUNCTION => static function ($ch, string $line) use (&$received, &$status): int {
                if (preg_match('/^HTTP\/\S+\s+(\d+)/', $line, $m) === 1) {
                    $received = [];
                    $pending = (int) $m[1];
                    $received[':status'] = (string) $pending;
                } elseif (trim($line) === '') {
                    $code = (int) ($received[':status'] ?? 0);
                    unset($received[':status']);
                    if ($code >= 200) {
                        $status = $code;
                    }
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

        return $options;
    }

    private static function fail(int $errno, string $message): never
    {
        if ($errno === CURLE_OPERATION_TIMEDOUT) {
            throw new TimeoutException("namaskah: request timed out: {$message}", $errno);
        }
        throw new ConnectionException("namaskah: connection error: {$message}", $errno);
    }
}
