<?php

declare(strict_types=1);

namespace Namaskah\Lib;

use Namaskah\Core\RequestOptions;
use Namaskah\Exception\NamaskahException;
use Namaskah\Exception\TimeoutException;
use Namaskah\Models\Verification;
use Namaskah\Models\VerificationStatus;
use Namaskah\Resources\RealtimeEvents;

/**
 * `$client->verifications->waitForCode($id)`: mixed into the generated Verifications resource.
 */
trait WaitForCode
{
    /**
     * Returns the verification once it leaves `pending`: `completed` with its code, or a terminal failure
     * state (cancelled, expired, failed). It listens on the real-time event stream and polls `retrieve` as a
     * safety net (every 15 s while listening; every `$pollInterval` seconds when real time is off or
     * unavailable, e.g. an API key without `events:read`).
     *
     * @throws TimeoutException when it is still pending after `$timeout` seconds.
     */
    public function waitForCode(
        string $verificationId,
        float $pollInterval = 3.0,
        float $timeout = 1200.0,
        bool $realtime = true,
        ?RequestOptions $options = null,
    ): Verification {
        $deadline = microtime(true) + $timeout;
        // A transport that reads bodies whole (PSR-18) would never finish reading an event stream: poll.
        if ($realtime && $this->http->canStream()) {
            $done = $this->waitOnEvents($verificationId, $deadline, $options);
            if ($done !== null) {
                return $done;
            }
        }
        while (true) {
            $verification = $this->retrieve($verificationId, options: $options);
            if (!self::isPending($verification)) {
                return $verification;
            }
            if (microtime(true) + $pollInterval > $deadline) {
                throw new TimeoutException("namaskah: verification {$verificationId} still pending after {$timeout} s");
            }
            usleep((int) round($pollInterval * 1_000_000));
        }
    }

    /** The finished verification, or null when the event stream cannot be used (then the caller polls). */
    private function waitOnEvents(string $verificationId, float $deadline, ?RequestOptions $options): ?Verification
    {
        $events = (new RealtimeEvents($this->http))->listen(ticks: true, maxReconnects: 3, options: $options);
        try {
            $events->current(); // connect first, so nothing that happens from here on is missed
        } catch (NamaskahException) {
            return null;
        }
        $verification = $this->retrieve($verificationId, options: $options);
        $polled = microtime(true);
        while (self::isPending($verification)) {
            if (microtime(true) > $deadline) {
                throw new TimeoutException("namaskah: verification {$verificationId} still pending");
            }
            $event = $events->current();
            $data = $event?->toArray()['data'] ?? null;
            $mine = is_array($data) && ($data['id'] ?? null) === $verificationId;
            if ($mine || microtime(true) - $polled >= 15.0) {
                $verification = $this->retrieve($verificationId, options: $options);
                $polled = microtime(true);
            }
            if (self::isPending($verification)) {
                try {
                    $events->next();
                } catch (NamaskahException) {
                    return null;
                }
            }
        }

        return $verification;
    }

    private static function isPending(Verification $verification): bool
    {
        return $verification->status === VerificationStatus::Pending || $verification->status === 'pending';
    }
}
