<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 413 Payload Too Large. */
class PayloadTooLargeException extends ApiException
{
}
