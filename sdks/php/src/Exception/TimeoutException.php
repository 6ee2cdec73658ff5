<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** The request ran past its timeout (after the retries). */
class TimeoutException extends ConnectionException
{
}
