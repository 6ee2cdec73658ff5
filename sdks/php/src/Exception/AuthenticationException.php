<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 401 Unauthorized: the API key or token is missing, invalid or expired. */
class AuthenticationException extends ApiException
{
}
