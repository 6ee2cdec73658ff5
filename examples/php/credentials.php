<?php

declare(strict_types=1);

use Namaskah\Client;
use Namaskah\Models\LoginAuthenticated;

/**
 * The examples' credentials: $NAMASKAH_API_KEY, or else an access token from logging in as
 * $NAMASKAH_EMAIL / $NAMASKAH_PASSWORD (the reference server's demo account by default).
 */
function exampleApiKey(): string
{
    $key = getenv('NAMASKAH_API_KEY');
    if (is_string($key) && $key !== '') {
        return $key;
    }
    $login = (new Client(apiKey: ''))->auth->login(
        email: getenv('NAMASKAH_EMAIL') ?: 'demo@namaskah.dev',
        password: getenv('NAMASKAH_PASSWORD') ?: 'demo-password-123',
    );
    if (!$login instanceof LoginAuthenticated) {
        fwrite(STDERR, "this account needs a second factor: use an API key instead\n");
        exit(1);
    }

    return (string) $login->tokens?->accessToken;
}
