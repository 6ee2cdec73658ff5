<?php

declare(strict_types=1);

namespace Namaskah\Core;

use Generator;
use IteratorAggregate;

/**
 * A `text/event-stream` response read as it arrives: iterate it for `['event' => ..., 'data' => ...,
 * 'id' => ...]` messages (`data` decoded from JSON when it is JSON).
 *
 * @implements IteratorAggregate<int, array{event: string, data: mixed, id: ?string}>
 */
final class EventStream implements IteratorAggregate
{
    /** The `id` of the last message read: pass it as `Last-Event-ID` to resume. */
    public ?string $lastEventId = null;

    /** @param iterable<string> $chunks The body as it arrives. */
    public function __construct(private readonly iterable $chunks)
    {
    }

    public function getIterator(): Generator
    {
        foreach ($this->withTicks() as $message) {
            if ($message !== null) {
                yield $message;
            }
        }
    }

    /**
     * The messages, and a null each time a second passes with nothing new (streaming transports only), so
     * a reader can check its own deadlines between messages.
     *
     * @return Generator<int, array{event: string, data: mixed, id: ?string}|null>
     */
    public function withTicks(): Generator
    {
        $buffer = '';
        $event = ['event' => 'message', 'data' => [], 'id' => null];
        foreach ($this->chunks as $chunk) {
            if ($chunk === '') {
                yield null;
                continue;
            }
            $buffer .= str_replace("\r\n", "\n", $chunk);
            while (($end = strpos($buffer, "\n")) !== false) {
                $line = substr($buffer, 0, $end);
                $buffer = substr($buffer, $end + 1);
                if ($line === '') {
                    if ($event['data'] !== []) {
                        $data = implode("\n", $event['data']);
                        $decoded = json_decode($data, true);
                        yield ['event' => $event['event'], 'data' => $decoded ?? $data, 'id' => $event['id']];
                    }
                    $event = ['event' => 'message', 'data' => [], 'id' => null];
                    continue;
                }
                if (str_starts_with($line, ':')) {
                    continue;
                }
                [$field, $value] = array_pad(explode(':', $line, 2), 2, '');
                $value = ltrim($value, ' ');
                if ($field === 'data') {
                    $event['data'][] = $value;
                } elseif ($field === 'event') {
                    $event['event'] = $value;
                } elseif ($field === 'id') {
                    $event['id'] = $value;
                    $this->lastEventId = $value;
                }
            }
        }
    }
}
