<?php

declare(strict_types=1);

namespace Namaskah\Http;

use Namaskah\Core\Response;
use Namaskah\Exception\ConnectionException;

/**
 * Sends one request and returns its response, whatever the status. It throws ConnectionException (or
 * TimeoutException) when no response arrives; the client retries around it.
 */
interface Transport
{
    /** @throws ConnectionException */
    public function send(Request $request): Response;
}
