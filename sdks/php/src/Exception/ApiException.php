<?php

declare(strict_types=1);

namespace Namaskah\Exception;

use Namaskah\Core\RateLimit;
use RuntimeException;

/**
 * The API answered with an error status. Catch a family (NotFoundException, RateLimitException, ...)
 * or a problem code's own class (InsufficientBalanceException extends PaymentRequiredException).
 */
class ApiException extends RuntimeException implements NamaskahException
{
    /** The problem's machine code (`insufficient_balance`), null when the body is not a problem. */
    public readonly ?string $problemCode;
    /** The `Request-Id` header, else the problem's `request_id`. */
    public readonly ?string $requestId;
    public readonly RateLimit $rateLimit;
    /** @var array<string, mixed>|null The parsed problem body. */
    public readonly ?array $problem;

    /**
     * @param array<string, string> $headers Lower-case names.
     */
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
    ) {
        $problem = null;
        if (str_starts_with(ltrim($body), '{')) {
            $decoded = json_decode($body, true);
            $problem = is_array($decoded) ? $decoded : null;
        }
        $this->problem = $problem;
        $code = $problem['code'] ?? null;
        $this->problemCode = is_string($code) ? $code : null;
        $fromProblem = $problem['request_id'] ?? null;
        $this->requestId = $headers['request-id'] ?? (is_string($fromProblem) ? $fromProblem : null);
        $this->rateLimit = RateLimit::fromHeaders($headers);
        parent::__construct($this->describe(), $status);
    }

    /**
     * The exception for a response: the problem code's class when it belongs to the status's family,
     * else the family's class (any 5xx is an InternalServerException), else ApiException.
     *
     * @param array<string, string> $headers
     */
    public static function fromResponse(int $status, array $headers, string $body): self
    {
        $family = self::familyClass($status);
        $probe = new ApiException($status, $headers, $body);
        $code = $probe->problemCode;
        if ($code !== null && isset(ProblemCodes::CLASSES[$code])) {
            $codeStatus = ProblemCodes::STATUS[$code];
            if (self::familyClass($codeStatus) === $family && ($status >= 500) === ($codeStatus >= 500)) {
                $class = ProblemCodes::CLASSES[$code];

                return new $class($status, $headers, $body);
            }
        }

        return new $family($status, $headers, $body);
    }

    /** @return class-string<ApiException> */
    private static function familyClass(int $status): string
    {
        return match (true) {
            $status === 400 => BadRequestException::class,
            $status === 401 => AuthenticationException::class,
            $status === 402 => PaymentRequiredException::class,
            $status === 403 => PermissionDeniedException::class,
            $status === 404 => NotFoundException::class,
            $status === 409 => ConflictException::class,
            $status === 410 => GoneException::class,
            $status === 413 => PayloadTooLargeException::class,
            $status === 415 => UnsupportedMediaTypeException::class,
            $status === 422 => UnprocessableEntityException::class,
            $status === 429 => RateLimitException::class,
            $status >= 500 => InternalServerException::class,
            default => ApiException::class,
        };
    }

    /** @return list<array<string, mixed>> The field errors of a `validation_failed` problem. */
    public function fieldErrors(): array
    {
        $errors = $this->problem['errors'] ?? [];

        return is_array($errors) ? array_values($errors) : [];
    }

    private function describe(): string
    {
        $message = "namaskah: {$this->status}";
        if ($this->problemCode !== null) {
            $message .= " {$this->problemCode}";
        }
        $detail = $this->problem === null
            ? substr($this->body, 0, 200)
            : ($this->problem['detail'] ?? $this->problem['title'] ?? '');
        if (is_string($detail) && $detail !== '') {
            $message .= ": {$detail}";
        }
        foreach (array_slice($this->fieldErrors(), 0, 3) as $field) {
            $text = (string) ($field['message'] ?? $field['code'] ?? '');
            $message .= sprintf(' [%s: %s]', (string) ($field['field'] ?? '?'), $text);
        }
        if ($this->requestId !== null) {
            $message .= " (request {$this->requestId})";
        }

        return $message;
    }
}
