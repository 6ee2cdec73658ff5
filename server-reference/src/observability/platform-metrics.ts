import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../storage/database-schema.ts';
import type { FallbackReason, ReplicaState } from '../storage/read-replica/index.ts';

/** What the metrics read on each scrape, from the parts of a node that hold it. */
export interface MetricSources {
  /** Open real-time connections on this node (WebSocket and SSE). */
  realtimeConnections?: () => number;
  /** Job-queue counts per queue (pg-boss `getQueues`): queued and ready-to-run jobs. */
  jobQueues?: () => Promise<Array<{ name: string; queuedCount: number; readyCount: number; activeCount: number }>>;
  /** The read replica's state and lag (`ReadRouting.state`). */
  readReplica?: () => Promise<ReplicaState>;
}

/** One finished webhook attempt, as the delivery worker reports it. */
export interface WebhookAttemptObservation {
  trigger: string;
  ok: boolean;
  /** The delivery error code (`http_status`, `timeout`, ...); ignored on success. */
  failure: string;
  attemptSeconds: number;
  /** From the event's fan-out to the answer, for an event's first attempt only. */
  sinceQueuedSeconds?: number;
}

/** One finished call to an upstream provider. */
export interface ProviderCallObservation {
  provider: string;
  operation: string;
  seconds: number;
  /** The ProviderError code (`unexpected` for anything else) when the call failed. */
  errorCode?: string;
}

/** Latency buckets in seconds, from a cached read (2 ms) to a slow provider call (10 s). */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/**
 * Node's own process metrics (memory, CPU, event-loop delay, GC), set up once per process on the first
 * scrape, however many apps the process builds (a test process builds many; a node never scraped pays nothing).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'namaskah_' });
  }
  return processRegistry;
}

/**
 * The node's Prometheus metrics (prom-client), served at `/metrics`. Counters and histograms are this
 * node's; the gauges read from the database (outbox lag, webhook queue) are the platform's and read the
 * same from every node. Nothing here runs on a request path but two in-memory observations.
 *
 * @example
 * const metrics = new PlatformMetrics(db);
 * metrics.observeRequest('getWallet', 'GET', 200, 0.004);
 * const text = await metrics.text();
 */
export class PlatformMetrics {
  readonly #registry = new Registry();
  readonly #requests: Counter<'operation' | 'method' | 'status'>;
  readonly #requestSeconds: Histogram<'operation' | 'method'>;
  readonly #replicaFallbacks: Counter<'reason'>;
  readonly #webhookAttempts: Counter<'trigger' | 'result'>;
  readonly #webhookAttemptSeconds: Histogram<'result'>;
  readonly #webhookDeliverySeconds: Histogram<'result'>;
  readonly #providerCallSeconds: Histogram<'provider' | 'operation' | 'outcome'>;
  readonly #providerErrors: Counter<'provider' | 'operation' | 'code'>;
  #sources: MetricSources = {};

  constructor(db: Kysely<Database>) {
    const registers = [this.#registry];
    this.#requests = new Counter({
      name: 'namaskah_http_requests_total',
      help: 'HTTP requests answered, by operation (operationId of the contract), method and status.',
      labelNames: ['operation', 'method', 'status'],
      registers,
    });
    this.#requestSeconds = new Histogram({
      name: 'namaskah_http_request_duration_seconds',
      help: 'Time from the request to its response, by operation and method.',
      labelNames: ['operation', 'method'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#replicaFallbacks = new Counter({
      name: 'namaskah_read_replica_fallbacks_total',
      help: 'Analytics and export reads meant for the read replica that went to the primary, by reason (down, lagging).',
      labelNames: ['reason'],
      registers,
    });
    this.#webhookAttempts = new Counter({
      name: 'namaskah_webhook_attempts_total',
      help: 'Webhook delivery attempts made, by trigger (event, retry, replay, test) and result (success, or the delivery error code: http_status, timeout, connection_failed, dns_failure...).',
      labelNames: ['trigger', 'result'],
      registers,
    });
    this.#webhookAttemptSeconds = new Histogram({
      name: 'namaskah_webhook_attempt_duration_seconds',
      help: "One webhook attempt's duration, from connecting to the end of the response, by result (success, failure).",
      labelNames: ['result'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#webhookDeliverySeconds = new Histogram({
      name: 'namaskah_webhook_delivery_latency_seconds',
      help: "A new event's first attempt: from its fan-out to an endpoint to the endpoint's answer (queueing and the attempt), by result.",
      labelNames: ['result'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#providerCallSeconds = new Histogram({
      name: 'namaskah_provider_call_duration_seconds',
      help: 'Calls to upstream providers (purchase, fetchSms, cancel, report, balance, catalog) by provider, operation and outcome (ok, error).',
      labelNames: ['provider', 'operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#providerErrors = new Counter({
      name: 'namaskah_provider_errors_total',
      help: 'Failed calls to upstream providers, by provider, operation and error code (no_numbers, rate_limited, unavailable, unexpected...).',
      labelNames: ['provider', 'operation', 'code'],
      registers,
    });
    const sources = () => this.#sources;
    // one measurement feeds the three replica gauges (the router caches it for a second anyway); they carry
    // a `database` label because an unlabelled prom-client gauge always reads 0, and "absent" must stay absent
    const replicaLabel = { database: 'replica' };
    const replica = sharedForOneScrape(async () => (await sources().readReplica?.()) ?? null);
    new Gauge({
      name: 'namaskah_read_replica_lag_seconds',
      help: "Seconds the read replica's replay is behind the primary (absent when no replica is configured or it is down).",
      labelNames: ['database'],
      registers,
      async collect() {
        const state = await replica();
        this.reset();
        if (state?.lagSeconds != null) this.set(replicaLabel, state.lagSeconds);
      },
    });
    new Gauge({
      name: 'namaskah_read_replica_lag_bytes',
      help: 'WAL bytes the primary wrote that the read replica has not replayed (absent when none is configured or it is down).',
      labelNames: ['database'],
      registers,
      async collect() {
        const state = await replica();
        this.reset();
        if (state?.lagBytes != null) this.set(replicaLabel, state.lagBytes);
      },
    });
    new Gauge({
      name: 'namaskah_read_replica_up',
      help: 'Whether the read replica answers (1) or not (0); absent when none is configured.',
      labelNames: ['database'],
      registers,
      async collect() {
        const state = await replica();
        this.reset();
        if (state && state.status !== 'not_configured') this.set(replicaLabel, state.status === 'down' ? 0 : 1);
      },
    });
    new Gauge({
      name: 'namaskah_realtime_connections',
      help: 'Open real-time connections (WebSocket and SSE) on this node.',
      registers,
      collect() {
        this.set(sources().realtimeConnections?.() ?? 0);
      },
    });
    new Gauge({
      name: 'namaskah_job_queue_jobs',
      help: 'Jobs of the job queue (pg-boss) by queue and state (queued, ready, active).',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const queue of (await sources().jobQueues?.()) ?? []) {
          this.set({ queue: queue.name, state: 'queued' }, queue.queuedCount);
          this.set({ queue: queue.name, state: 'ready' }, queue.readyCount);
          this.set({ queue: queue.name, state: 'active' }, queue.activeCount);
        }
      },
    });
    // one query feeds both outbox gauges: prom-client collects metrics concurrently, so both await the
    // same promise while it runs
    const outbox = sharedForOneScrape(() =>
      db
        .selectFrom('event_outbox as o')
        .innerJoin('events as e', 'e.id', 'o.event_id')
        .select([
          'o.consumer',
          sql<number>`count(*)::int`.as('pending'),
          sql<number>`extract(epoch from now() - min(e.created_at))::float8`.as('lag'),
        ])
        .groupBy('o.consumer')
        .execute(),
    );
    // every outbox row is work a consumer has not finished (claimed ones included): lag from the commit
    new Gauge({
      name: 'namaskah_outbox_lag_seconds',
      help: 'Age of the oldest committed event a consumer has not finished with (absent when none waits).',
      labelNames: ['consumer'],
      registers,
      async collect() {
        const rows = await outbox();
        this.reset();
        for (const row of rows) this.set({ consumer: row.consumer }, Math.max(0, Number(row.lag)));
      },
    });
    new Gauge({
      name: 'namaskah_outbox_pending_events',
      help: 'Committed events a consumer has not finished with yet, by consumer (realtime, webhooks, notifications).',
      labelNames: ['consumer'],
      registers,
      async collect() {
        const rows = await outbox();
        this.reset();
        for (const row of rows) this.set({ consumer: row.consumer }, Number(row.pending));
      },
    });
    new Gauge({
      name: 'namaskah_webhook_queue_attempts',
      help: 'Webhook attempts waiting, by whether they are due now (due) or scheduled for a retry (scheduled).',
      labelNames: ['state'],
      registers,
      async collect() {
        const row = await db
          .selectFrom('webhook_deliveries')
          .select([
            sql<number>`count(*) filter (where next_attempt_at <= now())::int`.as('due'),
            sql<number>`count(*) filter (where next_attempt_at > now() or next_attempt_at is null)::int`.as('scheduled'),
          ])
          .where('status', '=', 'pending')
          .executeTakeFirst();
        this.set({ state: 'due' }, Number(row?.due ?? 0));
        this.set({ state: 'scheduled' }, Number(row?.scheduled ?? 0));
      },
    });
  }

  /** The exposition's content type (Prometheus text format). */
  get contentType(): string {
    return this.#registry.contentType;
  }

  /** Every metric in Prometheus's text format: the process's and this app's. */
  text(): Promise<string> {
    return Registry.merge([processMetrics(), this.#registry]).metrics();
  }

  /** Connects the parts of the node built after the app (real-time hub, job queue). */
  attach(sources: MetricSources): void {
    this.#sources = { ...this.#sources, ...sources };
  }

  /** A read meant for the replica went to the primary. */
  countReplicaFallback(reason: FallbackReason): void {
    this.#replicaFallbacks.inc({ reason });
  }

  /** A webhook attempt finished; `sinceQueuedSeconds` only for an event's first attempt. */
  observeWebhookAttempt(attempt: WebhookAttemptObservation): void {
    const outcome = attempt.ok ? 'success' : 'failure';
    this.#webhookAttempts.inc({ trigger: attempt.trigger, result: attempt.ok ? 'success' : attempt.failure });
    this.#webhookAttemptSeconds.observe({ result: outcome }, attempt.attemptSeconds);
    if (attempt.sinceQueuedSeconds !== undefined) this.#webhookDeliverySeconds.observe({ result: outcome }, attempt.sinceQueuedSeconds);
  }

  /** A call to an upstream provider finished; `errorCode` when it failed. */
  observeProviderCall(call: ProviderCallObservation): void {
    const { provider, operation } = call;
    this.#providerCallSeconds.observe({ provider, operation, outcome: call.errorCode ? 'error' : 'ok' }, call.seconds);
    if (call.errorCode) this.#providerErrors.inc({ provider, operation, code: call.errorCode });
  }

  observeRequest(operation: string, method: string, status: number, seconds: number): void {
    this.#requests.inc({ operation, method, status: String(status) });
    this.#requestSeconds.observe({ operation, method }, seconds);
  }
}

/** `read`'s promise, shared by the calls made while it runs (the collectors of one scrape). */
function sharedForOneScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= read().finally(() => {
      running = null;
    });
    return running;
  };
}
