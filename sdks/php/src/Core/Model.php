<?php

declare(strict_types=1);

namespace Namaskah\Core;

use BackedEnum;
use JsonSerializable;

/**
 * The base of every generated model: readonly typed properties, plus which wire keys the payload had,
 * so toArray() gives back the wire form with null and absent kept apart.
 */
abstract class Model implements JsonSerializable
{
    /** Wire name => property name; each generated model overrides it. */
    public const WIRE = [];

    /** @var array<string, true>|null Wire keys the decoded payload had; null for a model built in code. */
    private ?array $present = null;

    /** @param list<int|string> $keys */
    protected function markPresent(array $keys): void
    {
        $this->present = array_fill_keys(array_map('strval', $keys), true);
    }

    /** True when the wire field was in the payload (even as null), or is set on a model built in code. */
    public function has(string $wire): bool
    {
        if ($this->present !== null) {
            return isset($this->present[$wire]);
        }
        $property = static::WIRE[$wire] ?? null;

        return $property !== null && $this->{$property} !== null;
    }

    /**
     * The wire (JSON) form: wire names, enums as their values, nested models as arrays. A decoded model
     * has exactly the payload's keys; a model built in code leaves out its null properties.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        foreach (static::WIRE as $wire => $property) {
            if ($this->has($wire)) {
                $out[$wire] = self::wire($this->{$property});
            }
        }

        return $out;
    }

    public function jsonSerialize(): mixed
    {
        $data = $this->toArray();

        return $data === [] ? new \stdClass() : $data;
    }

    /** Turns a PHP value (models, enums, lists of them) into its JSON-ready wire form. */
    public static function wire(mixed $value): mixed
    {
        if ($value instanceof self) {
            return $value->toArray();
        }
        if ($value instanceof BackedEnum) {
            return $value->value;
        }
        if (is_array($value)) {
            return array_map(self::wire(...), $value);
        }

        return $value;
    }
}
