import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { OperationEnv } from '../http/operation-handler.ts';
import { ApiError } from '../errors/index.ts';
import { principalOf } from '../http/routes/respond.ts';
import { toWireEvent, type UserEvent } from '../storage/events/event-catalog.ts';
import type { EventStore } from '../events/index.ts';
import { OrderedEventStream } from './ordered-event-stream.ts';
import type { RealtimeAuth } from './realtime-auth.ts';
import type { RealtimeConfig } from './realtime-config.ts';
import type { RealtimeHub } from './realtime-hub.ts';
import { resumePoint } from './resume-window.ts';
import { subjectOf } from './subject-of.ts';

const encoder = new TextEncoder();
const frame = (event: UserEvent): Uint8Array =>
  encoder.encode(`id: ${event.sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(toWireEvent(event))}\n\n`);

/**
 * `GET /v1/realtime/events` (operation `streamEvents`): the same events as the WebSocket, as Server-Sent
 * Events, resuming after `Last-Event-ID`. The body is a stream with a bounded queue: when 1,000 frames
 * wait unread the stream ends, and the client reconnects with `Last-Event-ID`.
 */
export function sseHandler(deps: { config: RealtimeConfig; hub: RealtimeHub; store: EventStore; auth: RealtimeAuth; logger?: Logger }) {
  return async (c: Context<OperationEnv<'streamEvents'>>): Promise<Response> => {
    const principal = principalOf(c);
    const subject = subjectOf(principal);
    const userId = principal.user.id;
    if (deps.hub.connections(userId) >= deps.config.maxConnectionsPerUser) {
      throw new ApiError('rate_limited', `At most ${deps.config.maxConnectionsPerUser} real-time connections per user.`, {
        retryAfter: 5,
        headers: { 'Retry-After': '5' },
      });
    }
    const header = c.req.header('last-event-id');
    const last = header !== undefined && /^[0-9]{1,18}$/.test(header) ? Number(header) : null;
    // listen first: events committed while the resume point is read are buffered, not lost
    let stream: OrderedEventStream | null = null;
    const early: UserEvent[] = [];
    const unsubscribe = deps.hub.subscribe(userId, (event) => (stream ? stream.push(event) : early.push(event)));
    let point: Awaited<ReturnType<typeof resumePoint>>;
    try {
      point = await resumePoint(deps.store, deps.config, userId, last);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    if (point === 'exceeded') {
      unsubscribe();
      throw new ApiError(
        'resume_window_exceeded',
        `Events after sequence ${last} are no longer replayable; fetch them with GET /v1/events?after_sequence=${last}.`,
      );
    }
    const timers: NodeJS.Timeout[] = [];
    let finished = false;
    const finish = (controller?: ReadableStreamDefaultController<Uint8Array>) => {
      if (finished) return;
      finished = true;
      unsubscribe();
      stream?.close();
      for (const timer of timers) clearInterval(timer);
      try {
        controller?.close();
      } catch {
        /* already closed or cancelled */
      }
    };
    const start = point;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(encoder.encode('retry: 3000\n\n'));
          stream = new OrderedEventStream({
            userId,
            store: deps.store,
            maxPending: deps.config.maxBufferedEvents,
            sink: {
              // desiredSize counts the frames queued and not yet read by the socket
              write: (event) => {
                if (finished) return true;
                if ((controller.desiredSize ?? 0) <= 0) return false;
                controller.enqueue(frame(event));
                return true;
              },
              overflow: () => finish(controller),
              fail: (error) => {
                deps.logger?.error({ err: error }, 'SSE replay failed');
                finish(controller);
              },
            },
          });
          for (const event of early) stream.push(event);
          void stream.start(start.after, start.latest);
          timers.push(
            setInterval(() => {
              if (!finished && (controller.desiredSize ?? 0) > 0)
                controller.enqueue(encoder.encode(`: heartbeat ${new Date().toISOString()}\n\n`));
            }, deps.config.heartbeatMs),
          );
          timers.push(
            setInterval(() => {
              void deps.auth
                .check(subject)
                .then((denial) => {
                  if (denial) finish(controller);
                })
                .catch(() => undefined);
            }, deps.config.revalidateMs),
          );
          for (const timer of timers) timer.unref();
          c.req.raw.signal?.addEventListener('abort', () => finish(controller));
        },
        cancel() {
          finish();
        },
      },
      new CountQueuingStrategy({ highWaterMark: deps.config.maxBufferedEvents }),
    );
    return c.body(body, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
  };
}
