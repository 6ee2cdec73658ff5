<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 409 Conflict. */
class ConflictException extends ApiException
{
}
