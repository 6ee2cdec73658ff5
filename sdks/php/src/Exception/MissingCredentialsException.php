<?php

declare(strict_types=1);

namespace Namaskah\Exception;

use RuntimeException;

/**
 * The call needs an API key or access token and the client was built without one (no `apiKey`, no
 * NAMASKAH_API_KEY); nothing was sent. Calls the spec allows without credentials still go out.
 */
class MissingCredentialsException extends RuntimeException implements NamaskahException
{
    /** @param string $operation The refused call, `GET /v1/wallet`. */
    public function __construct(public readonly string $operation)
    {
        parent::__construct(
            "namaskah: {$operation} needs credentials: pass apiKey to new Client(apiKey: ...) or set NAMASKAH_API_KEY",
        );
    }
}
