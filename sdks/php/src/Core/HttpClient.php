<?php

declare(strict_types=1);

namespace Namaskah\Core;

use BackedEnum;
use Closure;
use InvalidArgumentException;
use Namaskah\Exception\ApiException;
use Namaskah\Exception\ConnectionException;
use Namaskah\Exception\MissingCredentialsException;
use Namaskah\Http\Request;
use Namaskah\Http\StreamingTransport;
use Namaskah\Http\Transport;
use Psr\Log\LoggerInterface;

/**
 * The SDK's HTTP engine, shared by every resource: authentication, serialisation, timeouts, retries
 * with backoff and jitter, one idempotency key per logical POST, typed exceptions (DESIGN.md section 7).
 */
final class HttpClient
{
    /** The longest server-requested wait honoured (`Retry-After`, `retry-after-ms`), in seconds. */
    public const MAX_RETRY_AFTER = 60.0;
    private const BASE_DELAY = 0.5;
    private const MAX_BACKOFF = 8.0;

    /** PSR-3 levels by severity; a client-level `logLevel` drops records below it (`off` drops all). */
    public const LOG_LEVELS = [
        'debug' => 0, 'info' => 1, 'notice' => 2, 'warning' => 3, 'error' => 4,
        'critical' => 5, 'alert' => 6, 'emergency' => 7, 'off' => 8,
    ];

    private ?Response $lastResponse = null;

    /**
     * @param array<string, string> $defaultHeaders
     * @param Closure(float): void $sleep Waits that many seconds (tests record instead).
     * @param Closure(): float $random Returns [0, 1), for the jitter.
     * @param ?Closure $onRetry Called before each retry with `attempt`, `delay` (s), `method`, `url`, `error`.
     */
    public function __construct(
        private readonly Transport $transport,
        private readonly string $baseUrl,
        private readonly ?string $apiKey,
        private readonly int $maxRetries,
        private readonly float $timeout,
        private readonly float $connectTimeout,
        private readonly float $maxRetryTime,
        private readonly array $defaultHeaders,
        private readonly string $userAgent,
        private readonly Closure $sleep,
        private readonly Closure $random,
        private readonly ?Closure $onRetry = null,
        private readonly LoggerInterface|StderrLogger|null $logger = null,
        private readonly ?string $logLevel = null,
    ) {
    }

    /** True when the transport hands bodies over as they arrive (event streams are read live). */
    public function canStream(): bool
    {
        return $this->transport instanceof StreamingTransport;
    }

    /** The last response received (any status), for its headers, request id and rate limit. */
    public function lastResponse(): ?Response
    {
        return $this->lastResponse;
    }

    /**
     * Sends one logical call with its retries and returns its success response (throws on anything else).
     * The generated resources call this; `$spec` holds `path`, `query`, `headers`, `json` / `form` /
     * `binary`, `bodyOptional`, `idempotent`, `public` (the call needs no credentials).
     *
     * @param array<string, mixed> $spec
     */
    public function request(string $method, string $path, array $spec, ?RequestOptions $options): Response
    {
        $options ??= new RequestOptions();
        $request = $this->build($method, $path, $spec, $options, $options->timeout ?? $this->timeout);
        $retries = $options->maxRetries ?? $this->maxRetries;
        [$response] = $this->send($request, $retries, fn () => [$this->transport->send($request), null]);

        return $response;
    }

    /**
     * Like request(), for a `text/event-stream` response: the events as they arrive (with a streaming
     * transport, like the curl one; any other transport reads the whole body first). Connecting is retried
     * like any call; a stream that breaks later is the caller's to resume (`Last-Event-ID`).
     *
     * @param array<string, mixed> $spec
     */
    public function stream(string $method, string $path, array $spec, ?RequestOptions $options): EventStream
    {
        $options ??= new RequestOptions();
        $spec['headers'] = [...($spec['headers'] ?? []), 'Accept' => 'text/event-stream'];
        $request = $this->build($method, $path, $spec, $options, 0.0);
        $retries = $options->maxRetries ?? $this->maxRetries;
        if (!$this->transport instanceof StreamingTransport) {
            [$response] = $this->send($request, $retries, fn () => [$this->transport->send($request), null]);

            return $response->eventStream();
        }
        $transport = $this->transport;
        [, $chunks] = $this->send($request, $retries, static fn () => $transport->open($request));

        return new EventStream($chunks);
    }

    /** @param array<string, mixed> $spec */
    private function build(string $method, string $path, array $spec, RequestOptions $options, float $timeout): Request
    {
        $key = $options->apiKey ?? $this->apiKey;
        // A call the spec only allows with credentials is refused before anything is sent.
        if (($key === null || $key === '') && ($spec['public'] ?? false) !== true) {
            throw new MissingCredentialsException("{$method} {$path}");
        }
        $url = $this->baseUrl . self::expandPath($path, $spec['path'] ?? []) . self::queryString($spec['query'] ?? []);
        $headers = [
            'Accept' => 'application/json, application/problem+json',
            'User-Agent' => $this->userAgent,
        ];
        [$body, $contentType] = self::encodeBody($spec);
        if ($contentType !== null) {
            $headers['Content-Type'] = $contentType;
        }
        foreach ($spec['headers'] ?? [] as $name => $value) {
            if ($value !== null) {
                $headers[$name] = self::scalar($value);
            }
        }
        if ($key !== null && $key !== '') {
            $headers['Authorization'] = "Bearer {$key}";
        }
        // One key per logical request, made once here and sent again with every retry of it.
        if (($spec['idempotent'] ?? false) === true) {
            $headers['Idempotency-Key'] = $options->idempotencyKey ?? self::uuid();
        }
        $headers = [...$headers, ...$this->defaultHeaders, ...$options->headers];

        return new Request($method, $url, $headers, $body, $timeout, $this->connectTimeout);
    }

    /**
     * One logical call: attempts with retries until a 2xx, a final error, or the retries run out.
     *
     * @param Closure(): array{Response, mixed} $attempt Sends once: the response and what comes with it.
     * @return array{Response, mixed}
     */
    private function send(Request $request, int $maxRetries, Closure $attempt): array
    {
        $deadline = microtime(true) + $this->maxRetryTime;
        for ($n = 0;; $n++) {
            $retryAfter = null;
            try {
                $this->log('debug', 'namaskah: request', [
                    'method' => $request->method,
                    'url' => $request->url,
                    'attempt' => $n + 1,
                    'headers' => self::redact($request->headers),
                ]);
                $result = $attempt();
                $response = $result[0];
                $this->lastResponse = $response;
                $this->log('debug', 'namaskah: response', [
                    'status' => $response->status,
                    'request_id' => $response->requestId(),
                ]);
                if ($response->status >= 200 && $response->status < 300) {
                    return $result;
                }
                $failure = ApiException::fromResponse($response->status, $response->headers, $response->body);
                $hint = strtolower(trim($response->header('x-should-retry') ?? ''));
                $shouldRetry = match ($hint) {
                    'true' => true,
                    'false' => false,
                    default => self::isRetryableStatus($response->status),
                };
                $retryAfter = self::serverRequestedDelay($response->headers);
            } catch (ConnectionException $e) {
                $failure = $e;
                $shouldRetry = true;
            }
            $delay = $retryAfter ?? $this->backoff($n);
            if (!$shouldRetry || $n >= $maxRetries || microtime(true) + $delay > $deadline) {
                $this->log('warning', 'namaskah: request failed', [
                    'method' => $request->method,
                    'url' => $request->url,
                    'error' => $failure->getMessage(),
                ]);
                throw $failure;
            }
            if ($this->onRetry !== null) {
                ($this->onRetry)([
                    'attempt' => $n + 1,
                    'delay' => $delay,
                    'method' => $request->method,
                    'url' => $request->url,
                    'error' => $failure,
                ]);
            }
            $this->log('info', 'namaskah: retrying', [
                'attempt' => $n + 1,
                'delay_s' => round($delay, 3),
                'error' => $failure->getMessage(),
            ]);
            ($this->sleep)($delay);
        }
    }

    /** 408, 409, 429 and any 5xx except 501 Not Implemented (permanent: another attempt cannot succeed). */
    public static function isRetryableStatus(int $status): bool
    {
        return $status === 408 || $status === 409 || $status === 429 || ($status >= 500 && $status !== 501);
    }

    /** min(0.5 s x 2^n, 8 s) less up to 25% jitter, so clients failing together do not retry together. */
    private function backoff(int $retry): float
    {
        $ceiling = min(self::BASE_DELAY * (2 ** $retry), self::MAX_BACKOFF);

        return $ceiling * (1 - 0.25 * ($this->random)());
    }

    /**
     * The wait the server asked for, in seconds: `retry-after-ms`, else `Retry-After` in seconds or as an
     * HTTP date; null when absent, unparseable, negative or above MAX_RETRY_AFTER.
     *
     * @param array<string, string> $headers
     */
    public static function serverRequestedDelay(array $headers, ?float $now = null): ?float
    {
        $delay = null;
        $ms = trim($headers['retry-after-ms'] ?? '');
        $after = trim($headers['retry-after'] ?? '');
        if ($ms !== '') {
            $delay = is_numeric($ms) ? ((float) $ms) / 1000 : null;
        } elseif ($after !== '') {
            if (is_numeric($after)) {
                $delay = (float) $after;
            } else {
                $at = strtotime($after);
                $delay = $at === false ? null : $at - ($now ?? microtime(true));
            }
        }
        if ($delay === null || !is_finite($delay) || $delay < 0 || $delay > self::MAX_RETRY_AFTER) {
            return null;
        }

        return $delay;
    }

    /** @param array<string, mixed> $args */
    private static function expandPath(string $path, array $args): string
    {
        return (string) preg_replace_callback('/\{([^}]+)\}/', static function (array $m) use ($args): string {
            $value = $args[$m[1]] ?? null;
            if ($value === null || $value === '') {
                throw new InvalidArgumentException("namaskah: missing path parameter {$m[1]}");
            }

            return rawurlencode(self::scalar($value));
        }, $path);
    }

    /** @param array<string, mixed> $query */
    private static function queryString(array $query): string
    {
        $parts = [];
        foreach ($query as $name => $value) {
            foreach (is_array($value) ? $value : [$value] as $item) {
                if ($item !== null) {
                    $parts[] = rawurlencode((string) $name) . '=' . rawurlencode(self::scalar($item));
                }
            }
        }

        return $parts === [] ? '' : '?' . implode('&', $parts);
    }

    /** A parameter value as it goes in a path, query string or header. */
    private static function scalar(mixed $value): string
    {
        return match (true) {
            $value instanceof BackedEnum => (string) $value->value,
            is_bool($value) => $value ? 'true' : 'false',
            $value instanceof \DateTimeInterface => $value->format(DATE_RFC3339_EXTENDED),
            is_array($value) => implode(',', array_map(self::scalar(...), $value)),
            default => (string) $value,
        };
    }

    /**
     * @param array<string, mixed> $spec
     * @return array{0: ?string, 1: ?string} The body and its content type.
     */
    private static function encodeBody(array $spec): array
    {
        if (array_key_exists('binary', $spec)) {
            return $spec['binary'] === null ? [null, null] : [(string) $spec['binary'], 'application/octet-stream'];
        }
        foreach (['json' => 'application/json', 'form' => 'application/x-www-form-urlencoded'] as $kind => $type) {
            if (!array_key_exists($kind, $spec)) {
                continue;
            }
            $value = $spec[$kind];
            if (is_array($value) && !array_is_list($value)) {
                $keep = $spec['keepNull'] ?? [];
                $value = array_filter(
                    $value,
                    static fn ($v, $k) => $v !== NotGiven::Value && ($v !== null || in_array($k, $keep, true)),
                    ARRAY_FILTER_USE_BOTH,
                );
            }
            $value = Model::wire($value);
            if (($value === null || $value === []) && ($spec['bodyOptional'] ?? false) === true) {
                return [null, null];
            }
            if ($kind === 'json') {
                $flags = JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION;
                $json = json_encode($value === [] ? new \stdClass() : $value, $flags);

                return [$json, $type];
            }
            $fields = [];
            foreach ((array) $value as $name => $field) {
                $fields[$name] = is_string($field) ? $field : json_encode($field, JSON_THROW_ON_ERROR);
            }
            ksort($fields);

            return [http_build_query($fields, '', '&', PHP_QUERY_RFC1738), $type];
        }

        return [null, null];
    }

    /**
     * Headers safe to log: credentials and cookies replaced.
     *
     * @param array<string, string> $headers
     * @return array<string, string>
     */
    public static function redact(array $headers): array
    {
        $out = [];
        foreach ($headers as $name => $value) {
            $lower = strtolower($name);
            if (in_array($lower, ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization'], true)) {
                $bearer = $lower === 'authorization' && str_starts_with($value, 'Bearer ');
                $value = $bearer ? 'Bearer [redacted]' : '[redacted]';
            }
            $out[$name] = $value;
        }

        return $out;
    }

    /** @param array<string, mixed> $context */
    private function log(string $level, string $message, array $context): void
    {
        if ($this->logLevel !== null && self::LOG_LEVELS[$level] < (self::LOG_LEVELS[$this->logLevel] ?? 0)) {
            return;
        }
        $this->logger?->log($level, $message, $context);
    }

    /** A random (version 4) UUID. */
    public static function uuid(): string
    {
        $b = random_bytes(16);
        $b[6] = chr((ord($b[6]) & 0x0f) | 0x40);
        $b[8] = chr((ord($b[8]) & 0x3f) | 0x80);

        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($b), 4));
    }
}
