<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 402 Payment Required. */
class PaymentRequiredException extends ApiException
{
}
