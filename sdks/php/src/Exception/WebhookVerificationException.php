<?php

declare(strict_types=1);

namespace Namaskah\Exception;

use RuntimeException;

/** A webhook delivery failed verification: a missing header, a stale timestamp or no matching signature. */
class WebhookVerificationException extends RuntimeException implements NamaskahException
{
}
