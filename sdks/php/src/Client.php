<?php

declare(strict_types=1);

namespace Namaskah;

use Closure;
use Namaskah\Core\HttpClient;
use Namaskah\Core\Response;
use Namaskah\Core\StderrLogger;
use Namaskah\Http\CurlTransport;
use Namaskah\Http\Psr18Transport;
use Namaskah\Http\Transport;
use Psr\Http\Client\ClientInterface;
use Psr\Http\Message\RequestFactoryInterface;
use Psr\Http\Message\StreamFactoryInterface;
use Psr\Log\LoggerInterface;

/**
 * The Namaskah API client. Every argument is optional and named:
 *
 * ```php
 * $client = new Client(); // NAMASKAH_API_KEY and NAMASKAH_BASE_URL from the environment
 * $verification = $client->verifications->create(service: 'whatsapp', country: 'US');
 * ```
 *
 * The default transport is ext-curl; pass `httpClient` with `requestFactory` and `streamFactory` to
 * send through any PSR-18 client instead, or a `transport` of your own.
 */
final class Client extends BaseClient
{
    /** This SDK's version, sent in the User-Agent. Stamped by scripts/stamp-version.mjs from sdks/VERSION. */
    public const VERSION = '0.1.0';

    /** Webhook verify and sign with the client's `webhookSecret` (else NAMASKAH_WEBHOOK_SECRET) by default. */
    public readonly WebhookHelper $webhooks;

    /**
     * @param ?string $apiKey Defaults to NAMASKAH_API_KEY; '' means none: only the calls the spec allows
     *     without credentials are sent, any other throws MissingCredentialsException.
     * @param ?string $baseUrl Defaults to NAMASKAH_BASE_URL, else DEFAULT_BASE_URL.
     * @param int $maxRetries Retries after the first attempt (connection errors, 408, 409, 429, 5xx but 501).
     * @param float $timeout Seconds for each attempt.
     * @param float $connectTimeout Seconds to connect.
     * @param float $maxRetryTime Retries stop once waiting would pass this many seconds since the first attempt.
     * @param array<string, string> $defaultHeaders Sent with every request.
     * @param ?Closure $onRetry Called before each retry with `attempt`, `delay` (s), `method`, `url`, `error`.
     * @param (Closure(float): void)|null $sleep How to wait between attempts (default usleep).
     * @param ?string $logLevel debug, info, warning, error or off; defaults to NAMASKAH_LOG. Without a
     *     `logger`, a level writes to stderr; with one, records below the level are dropped.
     * @param ?string $webhookSecret The `whsec_` secret `$client->webhooks` uses; defaults to
     *     NAMASKAH_WEBHOOK_SECRET.
     */
    public function __construct(
        ?string $apiKey = null,
        ?string $baseUrl = null,
        int $maxRetries = 2,
        float $timeout = 60.0,
        float $connectTimeout = 10.0,
        float $maxRetryTime = 120.0,
        array $defaultHeaders = [],
        ?ClientInterface $httpClient = null,
        ?RequestFactoryInterface $requestFactory = null,
        ?StreamFactoryInterface $streamFactory = null,
        ?Transport $transport = null,
        ?LoggerInterface $logger = null,
        ?Closure $onRetry = null,
        ?Closure $sleep = null,
        ?string $webhookSecret = null,
        ?string $logLevel = null,
    ) {
        if ($transport === null && $httpClient !== null) {
            if ($requestFactory === null || $streamFactory === null) {
                throw new \InvalidArgumentException(
                    'namaskah: a PSR-18 httpClient needs requestFactory and streamFactory',
                );
            }
            $transport = new Psr18Transport($httpClient, $requestFactory, $streamFactory);
        }
        $apiKey ??= self::env('NAMASKAH_API_KEY');
        $baseUrl ??= self::env('NAMASKAH_BASE_URL') ?? self::DEFAULT_BASE_URL;
        $logLevel = strtolower($logLevel ?? self::env('NAMASKAH_LOG') ?? '');
        $logLevel = $logLevel === 'warn' ? 'warning' : $logLevel;
        if (!array_key_exists($logLevel, HttpClient::LOG_LEVELS)) {
            $logLevel = null;
        }
        $sink = $logger ?? ($logLevel !== null && $logLevel !== 'off' ? new StderrLogger() : null);
        parent::__construct(new HttpClient(
            transport: $transport ?? new CurlTransport(),
            baseUrl: rtrim($baseUrl, '/'),
            apiKey: $apiKey === '' ? null : $apiKey,
            maxRetries: max(0, $maxRetries),
            timeout: $timeout,
            connectTimeout: $connectTimeout,
            maxRetryTime: $maxRetryTime,
            defaultHeaders: $defaultHeaders,
            userAgent: 'namaskah-php/' . self::VERSION . ' PHP/' . PHP_VERSION,
            sleep: $sleep ?? static function (float $seconds): void {
                usleep((int) round($seconds * 1_000_000));
            },
            random: static fn (): float => mt_rand() / (mt_getrandmax() + 1),
            onRetry: $onRetry,
            logger: $sink,
            logLevel: $logLevel,
        ));
        $this->webhooks = new WebhookHelper($webhookSecret);
    }

    /** The last response received, any status: `$client->lastResponse()?->requestId()`. */
    public function lastResponse(): ?Response
    {
        return $this->http->lastResponse();
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);

        return $value === false || $value === '' ? null : $value;
    }
}
