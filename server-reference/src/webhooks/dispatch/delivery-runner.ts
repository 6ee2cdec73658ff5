import { sql, type Kysely, type RawBuilder } from 'kysely';
import { contextFromTraceParent, inSpan, isTracing, SpanKind, SpanStatusCode } from '../../observability/spans.ts';
import type { Logger } from 'pino';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { headersSealContext, maskEndpointHeaders } from '../endpoints/endpoint-headers.ts';
import { signatureHeader } from '../signing/webhook-signature.ts';
import type { DeliveryRow } from '../storage/webhook-tables.ts';
import type { WebhookClock } from '../webhook-clock.ts';
import { DISABLED_MESSAGE } from './endpoint-state.ts';
import type { HttpSender } from './http-sender.ts';
import type { AttemptOutcome, OutcomeRecorder } from './outcome-recorder.ts';
import type { Database } from '../../storage/database-schema.ts';

const USER_AGENT = 'Namaskah-Webhooks/1.0';

/** A pending attempt with what sending it needs. */
export interface PreparedAttempt {
  delivery: DeliveryRow;
  url: string;
  enabled: boolean;
  test: boolean;
  body: string;
  secretCiphertexts: string[];
  /** The endpoint's own delivery headers, sealed; null when it has none. */
  headersCiphertext: string | null;
  /** The `traceparent` of the span that appended the event, when tracing is on and it was traced. */
  traceParent: string | null;
  /** The endpoint's `max_deliveries_per_second` (delivery-pacing.ts); null or absent for none. */
  maxPerSecond?: number | null;
  /** When pacing gave it a send slot: not sent before this instant (epoch ms). */
  notBefore?: number;
}

export interface DeliveryRunnerDeps {
  db: Kysely<Database>;
  sender: HttpSender;
  secrets: SecretBox;
  recorder: OutcomeRecorder;
  clock: WebhookClock;
  logger?: Logger;
}

/**
 * Makes delivery attempts (`webhook_deliveries` rows): loads them, signs with every secret that signs now,
 * POSTs, and hands the outcome to the recorder. Safe to run again for the same row: a row that is no
 * longer pending is left alone, which is what keeps at-least-once redelivery after a crash harmless here.
 */
export class DeliveryRunner {
  private readonly deps: DeliveryRunnerDeps;
  constructor(deps: DeliveryRunnerDeps) {
    this.deps = deps;
  }

  /** Sends one attempt if it is still pending and records it; returns the row as recorded. */
  async attempt(deliveryId: string): Promise<DeliveryRow | null> {
    const [prepared] = await this.prepare([deliveryId]);
    if (!prepared) return null;
    if (prepared.delivery.status !== 'pending') return prepared.delivery;
    if (!prepared.enabled && !prepared.test) return (await this.cancel([deliveryId]))[0] ?? null;
    const [row] = await this.deps.recorder.record([await this.send(prepared)]);
    return row ?? null;
  }

  /** Loads attempts with their endpoint and event body, in one query. */
  async prepare(deliveryIds: string[]): Promise<PreparedAttempt[]> {
    if (deliveryIds.length === 0) return [];
    const rows = await this.deps.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .innerJoin('webhook_messages as m', 'm.event_id', 'd.event_id')
      .selectAll('d')
      .select([
        'e.url as endpoint_url',
        'e.enabled',
        'e.secret_ciphertext',
        'e.previous_secret_ciphertext',
        'e.previous_secret_expires_at',
        'e.headers_ciphertext',
        'e.max_deliveries_per_second',
        'm.body',
        'm.test',
        eventTraceParent(sql.ref('d.event_id')).as('trace_parent'),
      ])
      .where('d.id', 'in', deliveryIds)
      .execute();
    return rows.map((row) => preparedAttempt(row, this.deps.clock.now()));
  }

  /** Signs and POSTs one prepared attempt to the endpoint's current URL; never throws. */
  async send(prepared: PreparedAttempt): Promise<AttemptOutcome> {
    const { delivery } = prepared;
    const now = this.deps.clock.now();
    const timestamp = Math.floor(now / 1000);
    const secrets = prepared.secretCiphertexts.map((sealed) => this.deps.secrets.open(sealed, delivery.endpoint_id));
    const own: Record<string, string> = prepared.headersCiphertext
      ? JSON.parse(this.deps.secrets.open(prepared.headersCiphertext, headersSealContext(delivery.endpoint_id)))
      : {};
    // the endpoint's headers first: the platform's own (never among them, see endpoint-headers.ts) are set after
    const headers: Record<string, string> = {
      ...own,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': delivery.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, delivery.event_id, timestamp, prepared.body),
    };
    if (prepared.test) headers['namaskah-webhook-test'] = 'true';
    const result = await inSpan(
      'webhook.attempt',
      {
        kind: SpanKind.CLIENT,
        parent: prepared.traceParent ? contextFromTraceParent(prepared.traceParent) : undefined,
        attributes: {
          'namaskah.endpoint_id': delivery.endpoint_id,
          'namaskah.event_id': delivery.event_id,
          'namaskah.webhook.trigger': delivery.trigger,
          'namaskah.webhook.attempt': delivery.attempt,
        },
      },
      async (span) => {
        const sent = await this.deps.sender.post(prepared.url, headers, prepared.body);
        if (sent.status !== null) span.setAttribute('http.response.status_code', sent.status);
        if (!sent.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: sent.error?.code ?? 'http_status' });
        return sent;
      },
    );
    // the log keeps what was sent, with the endpoint's secret-looking values masked
    const logged = { ...headers, ...maskEndpointHeaders(own) };
    return { delivery, result, url: prepared.url, headers: logged, attemptedAt: new Date(now), test: prepared.test };
  }

  /** Records pending attempts of a disabled endpoint as not sent. */
  async cancel(deliveryIds: string[]): Promise<DeliveryRow[]> {
    if (deliveryIds.length === 0) return [];
    return this.deps.db
      .updateTable('webhook_deliveries')
      .set({
        status: 'failed',
        error_code: 'endpoint_disabled',
        error_message: DISABLED_MESSAGE,
        next_attempt_at: null,
        locked_until: null,
      })
      .where('id', 'in', deliveryIds)
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
  }
}

/** A delivery row joined with its endpoint's and event's columns (as `prepare` and the worker's claim select them). */
export type DeliveryContextRow = DeliveryRow & {
  endpoint_url: string;
  enabled: boolean;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
  headers_ciphertext: string | null;
  body: string;
  test: boolean;
  trace_parent: string | null;
  max_deliveries_per_second: number | null;
};

/** The attempt in a joined row, with the secrets that sign at `nowMs`. */
export function preparedAttempt(row: DeliveryContextRow, nowMs: number): PreparedAttempt {
  const {
    endpoint_url,
    enabled,
    secret_ciphertext,
    previous_secret_ciphertext,
    previous_secret_expires_at,
    headers_ciphertext,
    body,
    test,
    trace_parent,
    max_deliveries_per_second,
    ...delivery
  } = row;
  const previousSigns = previous_secret_ciphertext && previous_secret_expires_at && new Date(previous_secret_expires_at).getTime() > nowMs;
  return {
    delivery,
    url: endpoint_url,
    enabled,
    test,
    body,
    secretCiphertexts: previousSigns ? [secret_ciphertext, previous_secret_ciphertext] : [secret_ciphertext],
    headersCiphertext: headers_ciphertext,
    traceParent: trace_parent,
    maxPerSecond: max_deliveries_per_second,
  };
}

/**
 * The event's `traceparent` as a column of the attempt's query: read (one primary-key lookup) only while
 * tracing is on; a constant null otherwise.
 */
export function eventTraceParent(eventId: RawBuilder<unknown>) {
  return isTracing()
    ? sql<string | null>`(SELECT ev.trace_parent FROM events ev WHERE ev.id = ${eventId})`
    : sql<string | null>`NULL::text`;
}
