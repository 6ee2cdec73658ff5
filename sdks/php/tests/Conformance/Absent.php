<?php

declare(strict_types=1);

namespace Namaskah\Tests\Conformance;

/** What a method that returns nothing (`void`) gives the matchers: every pointer is absent. */
final class Absent
{
}
