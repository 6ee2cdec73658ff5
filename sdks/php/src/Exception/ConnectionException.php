<?php

declare(strict_types=1);

namespace Namaskah\Exception;

use RuntimeException;

/** No HTTP response arrived (DNS, refused or reset connection, TLS), after the retries. */
class ConnectionException extends RuntimeException implements NamaskahException
{
}
