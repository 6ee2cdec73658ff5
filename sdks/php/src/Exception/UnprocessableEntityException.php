<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 422 Unprocessable Entity. */
class UnprocessableEntityException extends ApiException
{
}
