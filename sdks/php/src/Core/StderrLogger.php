<?php

declare(strict_types=1);

namespace Namaskah\Core;

/**
 * The logger the client uses when none is injected and a level is set (`logLevel:` or NAMASKAH_LOG): one
 * line per record on stderr, `namaskah [level] message {context}`. The engine hands it headers already
 * redacted. It has PSR-3's `log()` signature without requiring psr/log.
 */
final class StderrLogger
{
    /** @param resource|null $stream Where lines go (default STDERR). */
    public function __construct(private readonly mixed $stream = null)
    {
    }

    /** @param array<string, mixed> $context */
    public function log(mixed $level, string|\Stringable $message, array $context = []): void
    {
        $line = '[' . (string) $level . '] ' . $message;
        if ($context !== []) {
            $line .= ' ' . json_encode($context, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR);
        }
        fwrite($this->stream ?? STDERR, $line . "\n");
    }
}
