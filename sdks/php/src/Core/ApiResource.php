<?php

declare(strict_types=1);

namespace Namaskah\Core;

/** The base of every generated resource: the HTTP engine it sends its calls through. */
abstract class ApiResource
{
    public function __construct(protected readonly HttpClient $http)
    {
    }
}
