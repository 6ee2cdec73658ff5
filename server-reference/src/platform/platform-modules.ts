import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config.ts';
import type { AccessTokens } from '../domain/access-tokens.ts';
import type { AccountService } from '../domain/accounts.ts';
import { EventStore } from '../events/index.ts';
import { eventRoutes } from '../events/index.ts';
import type { OperationHandlers } from '../http/operation-handler.ts';
import type { JobQueue } from '../storage/queue/job-queue.ts';
import {
  createNotificationModule,
  loadNotificationConfig,
  notifyEndpointDisabled,
  webhookChannelFilter,
  type NotificationConfig,
  type NotificationModule,
  type NotificationModuleDeps,
  type SmsSender,
} from '../notifications/index.ts';
import { coreRealtimeAuth, createRealtime, type Realtime, type RealtimeConfig } from '../realtime/index.ts';
import type { Database } from '../storage/database-schema.ts';
import {
  createWebhookEndpointRoutes,
  createWebhookModule,
  loadWebhookConfig,
  type WebhookConfig,
  type WebhookModule,
  type WebhookModuleDeps,
  type AttemptOutcome,
} from '../webhooks/index.ts';
import type { PlatformMetrics, WebhookAttemptObservation } from '../observability/platform-metrics.ts';

/** The event-driven parts of the platform (DESIGN.md §5): what the outbox dispatcher feeds. */
export interface PlatformModules {
  realtime: Realtime;
  webhooks: WebhookModule;
  notifications: NotificationModule;
  /** Their spec operations, to merge into the router's handlers. */
  handlers: Pick<OperationHandlers, PlatformOperation>;
}

/** The operations the platform modules implement. */
type PlatformOperation =
  | keyof typeof eventRoutes
  | keyof Realtime['handlers']
  | keyof ReturnType<typeof createWebhookEndpointRoutes>
  | keyof NotificationModule['handlers'];

/** Settings and test seams of the modules; each defaults to what the environment says. */
export interface PlatformModuleOptions {
  webhookConfig?: WebhookConfig;
  notificationConfig?: NotificationConfig;
  realtimeConfig?: Partial<RealtimeConfig>;
  /** The shared job queue (held notification deliveries become durable jobs); none in in-process tests. */
  jobQueue?: JobQueue | null;
  webhookSeams?: Pick<WebhookModuleDeps, 'clock' | 'resolveHost' | 'random'>;
  notificationSeams?: Pick<NotificationModuleDeps, 'clock' | 'email' | 'push'>;
}

/**
 * Builds realtime, webhooks and notifications over the core's services and connects them to each
 * other: webhook fan-out honours the `webhook` channel of the preferences, a disabled endpoint notifies
 * its owner, test events repeat the account's latest sequence. No side effect: nothing listens, polls
 * or connects until `startPlatform` starts them.
 */
export function buildPlatformModules(
  deps: {
    config: ServerConfig;
    db: Kysely<Database>;
    redis: Redis | null;
    logger: Logger;
    tokens: AccessTokens;
    accounts: AccountService;
    metrics: PlatformMetrics;
    /** Where outbound SMS go (`selectSmsSender`), or null when nothing can send them. */
    sms: SmsSender | null;
  },
  options: PlatformModuleOptions = {},
): PlatformModules {
  const { config, db, logger } = deps;
  const realtime = createRealtime({
    db,
    redis: deps.redis,
    logger,
    config: options.realtimeConfig,
    webSocketUrl: `${config.publicUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/v1/realtime/ws`,
    auth: coreRealtimeAuth({ db, tokens: deps.tokens, isSessionLive: (s, u) => deps.accounts.isSessionLive(s, u) }),
  });
  const notifications = createNotificationModule({
    db,
    logger,
    config: options.notificationConfig ?? loadNotificationConfig({}),
    jobQueue: options.jobQueue ?? null,
    sms: deps.sms,
    live: realtime.live,
    ...options.notificationSeams,
  });
  const events = new EventStore(db);
  const webhooks = createWebhookModule({
    db,
    logger,
    config: options.webhookConfig ?? loadWebhookConfig({}, { sandbox: config.sandbox, fallbackKeyMaterial: config.jwtSecret }),
    channelFilter: webhookChannelFilter(notifications.preferences),
    onEndpointDisabled: notifyEndpointDisabled(notifications.router),
    latestSequence: async (userId) => (await events.latestSequence(userId)) || null,
    onAttemptRecorded: (outcome) => deps.metrics.observeWebhookAttempt(webhookAttemptObservation(outcome)),
    ...options.webhookSeams,
  });
  return {
    realtime,
    webhooks,
    notifications,
    handlers: { ...eventRoutes, ...realtime.handlers, ...createWebhookEndpointRoutes(webhooks), ...notifications.handlers },
  };
}

/** What the metrics keep of a webhook attempt; an event's first attempt also times its wait since the fan-out. */
function webhookAttemptObservation({ delivery, result, attemptedAt }: AttemptOutcome): WebhookAttemptObservation {
  const answeredAt = attemptedAt.getTime() + result.latencyMs;
  return {
    trigger: delivery.trigger,
    ok: result.ok,
    failure: result.error?.code ?? 'http_status',
    attemptSeconds: result.latencyMs / 1000,
    sinceQueuedSeconds: delivery.trigger === 'event' ? Math.max(0, answeredAt - delivery.created_at.getTime()) / 1000 : undefined,
  };
}
