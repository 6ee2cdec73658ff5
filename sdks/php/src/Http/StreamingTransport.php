<?php

declare(strict_types=1);

namespace Namaskah\Http;

use Namaskah\Core\Response;
use Namaskah\Exception\ConnectionException;

/**
 * A transport that can hand a response body over as it arrives (Server-Sent Events). The curl transport
 * is one; PSR-18 clients are not (their responses are read whole).
 */
interface StreamingTransport extends Transport
{
    /**
     * Sends the request and returns once the response headers are in: the response (with the whole body
     * when the status is not 2xx, else an empty one) and the body's chunks as they arrive. An empty chunk
     * means a second passed with nothing new, so a reader can check its own deadlines; a connection that
     * breaks mid-body throws ConnectionException from the iteration.
     *
     * @return array{Response, iterable<string>}
     * @throws ConnectionException
     */
    public function open(Request $request): array;
}
