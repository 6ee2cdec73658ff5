import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One server-sent event. */
export type ServerSentEvent = EventSourceMessage;

/**
 * A `text/event-stream` response as an async iterable of events, parsed with eventsource-parser
 * (works on any `fetch` body: Node, browsers, workers).
 */
export class EventStream implements AsyncIterable<ServerSentEvent> {
  constructor(
    readonly response: Response,
    private readonly controller?: AbortController,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ServerSentEvent, void, undefined> {
    const body = this.response.body;
    if (!body) return;
    const queue: ServerSentEvent[] = [];
    const parser = createParser({ onEvent: (event) => queue.push(event) });
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(value);
        while (queue.length > 0) yield queue.shift()!;
      }
    } finally {
      reader.releaseLock();
      this.close();
    }
  }

  /** Stops reading and closes the connection. */
  close(): void {
    this.controller?.abort();
    this.response.body?.cancel().catch(() => {});
  }
}

/** A 3xx response the SDK does not follow: where it points. */
export interface Redirect {
  status: number;
  location: string | null;
}
