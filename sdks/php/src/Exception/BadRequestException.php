<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 400 Bad Request. */
class BadRequestException extends ApiException
{
}
