<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 410 Gone. */
class GoneException extends ApiException
{
}
