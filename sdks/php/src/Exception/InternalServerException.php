<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP any 5xx. */
class InternalServerException extends ApiException
{
}
