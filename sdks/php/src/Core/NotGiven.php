<?php

declare(strict_types=1);

namespace Namaskah\Core;

/**
 * The default of an optional argument where null means something (a nullable field to clear): leave the
 * argument out to send nothing, pass null to send null.
 */
enum NotGiven
{
    case Value;
}
