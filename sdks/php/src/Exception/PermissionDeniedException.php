<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 403 Forbidden. */
class PermissionDeniedException extends ApiException
{
}
