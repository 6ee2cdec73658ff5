import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EventConsumer } from '../events/index.ts';
import type { Database } from '../storage/database-schema.ts';
import { DeliveryLog } from './deliveries/delivery-log.ts';
import { ManualDeliveries, type LatestSequence } from './deliveries/manual-deliveries.ts';
import { DeliveryRunner } from './dispatch/delivery-runner.ts';
import { DeliveryWorker } from './dispatch/delivery-worker.ts';
import type { EndpointDisabledHook } from './dispatch/endpoint-state.ts';
import { EventFanout, type CommittedEvent, type WebhookChannelFilter } from './dispatch/event-fanout.ts';
import { HttpSender } from './dispatch/http-sender.ts';
import { type AttemptOutcome, OutcomeRecorder } from './dispatch/outcome-recorder.ts';
import { EndpointService } from './endpoints/endpoint-service.ts';
import { SecretBox } from '../crypto/secret-box.ts';
import { AddressPolicy } from './ssrf/address-policy.ts';
import { systemResolver, type HostResolver } from './ssrf/host-resolver.ts';
import { systemClock, type WebhookClock } from './webhook-clock.ts';
import type { WebhookConfig } from './webhook-config.ts';

export interface WebhookModuleDeps {
  db: Kysely<Database>;
  config: WebhookConfig;
  /** Defaults to the wall clock; tests pass a `ManualWebhookClock`. */
  clock?: WebhookClock;
  /** Defaults to the system resolver; tests map names to chosen addresses. */
  resolveHost?: HostResolver;
  /** Source of jitter (defaults to Math.random). */
  random?: () => number;
  logger?: Logger;
  /** Tells the owner an endpoint was disabled automatically; runs inside the disabling transaction. */
  onEndpointDisabled?: EndpointDisabledHook;
  /** The account's notification preferences for the `webhook` channel; every type when absent. */
  channelFilter?: WebhookChannelFilter;
  /** Told of every attempt once its outcome is written (the node's metrics). */
  onAttemptRecorded?: (outcome: AttemptOutcome) => void;
  /** The account's latest event sequence, repeated by test events; the module's own record when absent. */
  latestSequence?: LatestSequence;
}

/** Everything the webhook feature is made of, built once per process by `createWebhookModule`. */
export interface WebhookModule {
  config: WebhookConfig;
  clock: WebhookClock;
  endpoints: EndpointService;
  log: DeliveryLog;
  manual: ManualDeliveries;
  fanout: EventFanout;
  runner: DeliveryRunner;
  worker: DeliveryWorker;
  /** The outbox consumer (`webhooks`): give it to the `OutboxDispatcher` with the other consumers. */
  consumer: EventConsumer;
  /** The same, one event at a time, for a dispatcher that hands events over singly. */
  handleEvent(event: CommittedEvent): Promise<void>;
  /** Starts the delivery worker and the hourly pruning of the 30-day delivery log. */
  start(): void;
  /** Stops the worker (waiting for attempts in flight) and closes kept-alive connections. */
  stop(): Promise<void>;
}

/**
 * Builds the webhook module: endpoint management, the delivery log, signed delivery with retries and the
 * SSRF guard, and the worker that sends. No side effect until `start()`.
 *
 * @example
 * const webhooks = createWebhookModule({ db, config: loadWebhookConfig(process.env, { sandbox: config.sandbox, fallbackKeyMaterial: config.jwtSecret }) });
 * webhooks.start();
 * const dispatcher = new OutboxDispatcher({ db, consumers: [webhooks.consumer, ...] });
 */
export function createWebhookModule(deps: WebhookModuleDeps): WebhookModule {
  const db = deps.db;
  const { config } = deps;
  const clock = deps.clock ?? systemClock;
  const resolve = deps.resolveHost ?? systemResolver;
  const policy = new AddressPolicy(config.allowedCidrs);
  const secrets = new SecretBox(config.secretsKey);
  const sender = new HttpSender({
    policy,
    resolve,
    timeoutMs: config.timeoutMs,
    responseBodyLimitBytes: config.responseBodyLimitBytes,
    connectionsPerOrigin: config.connectionsPerOrigin,
  });
  const recorder = new OutcomeRecorder({
    db,
    config,
    clock,
    random: deps.random,
    onEndpointDisabled: deps.onEndpointDisabled,
    onAttemptRecorded: deps.onAttemptRecorded,
    logger: deps.logger,
  });
  const runner = new DeliveryRunner({ db, sender, secrets, recorder, clock, logger: deps.logger });
  const worker = new DeliveryWorker({ db, runner, recorder, clock, config, logger: deps.logger });
  const wake = () => worker.wake();
  const fanout = new EventFanout({ db, clock, config, random: deps.random, channelFilter: deps.channelFilter, onQueued: wake });
  const log = new DeliveryLog(db);
  let pruneTimer: NodeJS.Timeout | null = null;
  return {
    config,
    clock,
    endpoints: new EndpointService({ db, secrets, policy, resolve, clock, config }),
    log,
    manual: new ManualDeliveries({ db, runner, clock, config, latestSequence: deps.latestSequence, onQueued: wake }),
    fanout,
    runner,
    worker,
    consumer: {
      name: 'webhooks',
      async handle(events) {
        await fanout.handleMany(events);
      },
    },
    async handleEvent(event) {
      await fanout.handle(event);
    },
    start() {
      worker.start();
      const prune = () =>
        log
          .prune(new Date(clock.now() - config.retentionMs))
          .catch((error) => deps.logger?.error({ err: error }, 'pruning the webhook delivery log failed'));
      pruneTimer = setInterval(prune, 3_600_000);
      pruneTimer.unref();
    },
    async stop() {
      if (pruneTimer) clearInterval(pruneTimer);
      await worker.stop();
      await sender.close();
    },
  };
}
