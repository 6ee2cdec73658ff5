<?php

declare(strict_types=1);

namespace Namaskah\Lib;

use Generator;
use Namaskah\Core\Model;
use Namaskah\Core\RequestOptions;
use Namaskah\Exception\ConnectionException;
use Namaskah\Models\Event;

/**
 * `$client->realtime->events->listen()`: mixed into the generated RealtimeEvents resource.
 */
trait ListenForEvents
{
    /**
     * Every event of the account as it happens, typed (VerificationCompletedEvent, SmsReceivedEvent, ...),
     * over Server-Sent Events. A dropped or ended connection is reopened after a jittered backoff (0.5 s
     * doubling to 8 s), resuming after the last sequence seen (`Last-Event-ID`), so no event is missed.
     *
     * ```php
     * foreach ($client->realtime->events->listen() as $event) {
     *     if ($event instanceof VerificationCompletedEvent) { echo $event->data->code; break; }
     * }
     * ```
     *
     * @param ?string $lastEventId Resume after this sequence (events after it are replayed first).
     * @param bool $ticks Also yield null once a second with nothing new (to check deadlines between events).
     * @param int $maxReconnects Consecutive failed reconnections before the ConnectionException is thrown.
     * @return Generator<int, Model|null>
     */
    public function listen(
        ?string $lastEventId = null,
        bool $ticks = false,
        int $maxReconnects = 10,
        ?RequestOptions $options = null,
    ): Generator {
        $failures = 0;
        while (true) {
            try {
                $stream = $this->stream(lastEventId: $lastEventId, options: $options);
                foreach ($stream->withTicks() as $message) {
                    if ($message === null) {
                        if ($ticks) {
                            yield null;
                        }
                        continue;
                    }
                    $failures = 0;
                    $lastEventId = $message['id'] ?? $lastEventId;
                    if (is_array($message['data'])) {
                        yield Event::fromArray($message['data']);
                    }
                }
            } catch (ConnectionException $e) {
                if (++$failures > $maxReconnects) {
                    throw $e;
                }
            }
            $ceiling = min(0.5 * (2 ** $failures), 8.0);
            usleep((int) round($ceiling * (0.75 + 0.25 * mt_rand() / mt_getrandmax()) * 1_000_000));
        }
    }
}
