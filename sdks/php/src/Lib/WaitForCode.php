<?php

declare(strict_types=1);

namespace Namaskah\Lib;

use Namaskah\Core\RequestOptions;
use Namaskah\Exception\TimeoutException;
use Namaskah\Models\Verification;
use Namaskah\Models\VerificationStatus;

/**
 * `$client->verifications->waitForCode($id)`: mixed into the generated Verifications resource.
 */
trait WaitForCode
{
    /**
     * Returns the verification once it leaves `pending`: `completed` with its code, or a terminal
     * failure state (cancelled, expired, failed). Polls `retrieve` every `$pollInterval` seconds.
     *
     * @throws TimeoutException when it is still pending after `$timeout` seconds.
     */
    public function waitForCode(
        string $verificationId,
        float $pollInterval = 3.0,
        float $timeout = 1200.0,
        ?RequestOptions $options = null,
    ): Verification {
        $deadline = microtime(true) + $timeout;
        while (true) {
            $verification = $this->retrieve($verificationId, options: $options);
            $status = $verification->status;
            if ($status !== VerificationStatus::Pending && $status !== 'pending') {
                return $verification;
            }
            if (microtime(true) + $pollInterval > $deadline) {
                throw new TimeoutException("namaskah: verification {$verificationId} still pending after {$timeout} s");
            }
            usleep((int) round($pollInterval * 1_000_000));
        }
    }
}
