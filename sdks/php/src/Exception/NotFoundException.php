<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 404 Not Found. */
class NotFoundException extends ApiException
{
}
