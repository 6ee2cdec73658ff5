<?php

declare(strict_types=1);

namespace Namaskah\Core;

/**
 * A union member this SDK version does not know (a `type` added to the API later, or none given): the
 * payload kept as it came, in `$data` and toArray().
 */
final class UnknownModel extends Model
{
    /** @param array<string, mixed> $data */
    public function __construct(public readonly array $data)
    {
    }

    /** @param array<string, mixed> $data */
    public static function fromArray(array $data): self
    {
        $model = new self($data);
        $model->markPresent(array_keys($data));

        return $model;
    }

    public function toArray(): array
    {
        return $this->data;
    }
}
