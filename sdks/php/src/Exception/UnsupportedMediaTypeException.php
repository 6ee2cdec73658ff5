<?php

declare(strict_types=1);

namespace Namaskah\Exception;

/** HTTP 415 Unsupported Media Type. */
class UnsupportedMediaTypeException extends ApiException
{
}
