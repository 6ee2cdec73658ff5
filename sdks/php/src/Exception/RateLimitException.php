<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 429 Too Many Requests: see $rateLimit. */
class RateLimitException extends ApiException
{
}
