<?php

declare(strict_types=1);

namespace Namaskah;

use Namaskah\Core\Model;
use Namaskah\Exception\WebhookVerificationException;
use Namaskah\Models\WebhookEvent;

/**
 * Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`,
 * a `whsec_` secret): verify a delivery and parse it into its typed event class, or sign a payload
 * for your own tests.
 */
final class Webhooks
{
    /** The largest accepted distance between `webhook-timestamp` and now, in seconds. */
    public const DEFAULT_TOLERANCE = 300;

    /**
     * Verifies a delivery and returns its event (VerificationCompletedEvent, SmsReceivedEvent, ...).
     *
     * `$payload` must be the raw request body exactly as received (`file_get_contents('php://input')`,
     * `$request->getBody()->getContents()`): decoded and re-encoded JSON has other bytes and never matches.
     *
     * @param mixed $payload The raw body (a string); anything else is refused with a message saying so.
     * @param array<string, string|list<string>> $headers The request headers (any case).
     * @param ?int $now The current Unix time (tests).
     * @throws WebhookVerificationException
     */
    public static function verify(
        mixed $payload,
        array $headers,
        string $secret,
        int $tolerance = self::DEFAULT_TOLERANCE,
        ?int $now = null,
    ): Model {
        if (!is_string($payload)) {
            throw new WebhookVerificationException(
                'namaskah: the webhook payload must be the raw request body string, exactly as received '
                . '(got ' . get_debug_type($payload) . '); read it before anything decodes it',
            );
        }
        $lower = [];
        foreach ($headers as $name => $value) {
            $lower[strtolower((string) $name)] = is_array($value) ? implode(' ', $value) : (string) $value;
        }
        $id = $lower['webhook-id'] ?? '';
        $timestamp = $lower['webhook-timestamp'] ?? '';
        $signatures = $lower['webhook-signature'] ?? '';
        if ($id === '' || $timestamp === '' || $signatures === '') {
            throw new WebhookVerificationException(
                'namaskah: missing webhook-id, webhook-timestamp or webhook-signature header',
            );
        }
        if (preg_match('/^\d+$/', $timestamp) !== 1) {
            throw new WebhookVerificationException('namaskah: invalid webhook-timestamp header');
        }
        if (abs(($now ?? time()) - (int) $timestamp) > $tolerance) {
            throw new WebhookVerificationException("namaskah: webhook-timestamp is more than {$tolerance} s from now");
        }
        if ($payload === '') {
            throw new WebhookVerificationException(
                'namaskah: empty payload: pass the raw request body exactly as received',
            );
        }
        $expected = self::signature($secret, $id, (int) $timestamp, $payload);
        $matched = false;
        foreach (preg_split('/\s+/', trim($signatures)) ?: [] as $entry) {
            [$version, $value] = array_pad(explode(',', $entry, 2), 2, '');
            $given = base64_decode($value, true);
            if ($version === 'v1' && $given !== false && hash_equals($expected, $given)) {
                $matched = true;
            }
        }
        if (!$matched) {
            throw new WebhookVerificationException(
                'namaskah: no matching signature in webhook-signature (is the payload the raw body, unmodified?)',
            );
        }
        $data = json_decode($payload, true);
        if (!is_array($data)) {
            throw new WebhookVerificationException('namaskah: the webhook body is not a JSON event');
        }
        try {
            return WebhookEvent::fromArray($data);
        } catch (\UnexpectedValueException | \TypeError $e) {
            $message = "namaskah: the webhook body is not a valid event: {$e->getMessage()}";
            throw new WebhookVerificationException($message, 0, $e);
        }
    }

    /**
     * Signs a payload the way Namaskah does, for your own tests: the headers to send with it.
     *
     * @return array<string, string> `webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`.
     */
    public static function sign(string $payload, string $secret, ?string $msgId = null, ?int $timestamp = null): array
    {
        $id = $msgId ?? 'msg_' . bin2hex(random_bytes(16));
        $timestamp ??= time();

        return [
            'webhook-id' => $id,
            'webhook-timestamp' => (string) $timestamp,
            'webhook-signature' => 'v1,' . base64_encode(self::signature($secret, $id, $timestamp, $payload)),
            'content-type' => 'application/json',
        ];
    }

    private static function signature(string $secret, string $id, int $timestamp, string $payload): string
    {
        $key = base64_decode(str_starts_with($secret, 'whsec_') ? substr($secret, 6) : $secret, true);
        if ($key === false) {
            throw new \InvalidArgumentException('namaskah: the webhook secret is not a whsec_<base64> secret');
        }

        return hash_hmac('sha256', "{$id}.{$timestamp}.{$payload}", $key, true);
    }
}
