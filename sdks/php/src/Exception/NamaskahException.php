<?php

declare(strict_types=1);

namespace Namaskah\Exception;

use Throwable;

/** Every exception the SDK throws implements this: `catch (NamaskahException $e)` catches them all. */
interface NamaskahException extends Throwable
{
}
