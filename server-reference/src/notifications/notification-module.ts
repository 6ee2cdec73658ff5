import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../storage/database-schema.ts';
import type { EmailSender } from './channels/email/email-sender.ts';
import { SmtpEmailSender } from './channels/email/smtp-email-sender.ts';
import { ApnsPushAdapter } from './channels/push/apns/apns-push-adapter.ts';
import { FcmPushAdapter } from './channels/push/fcm/fcm-push-adapter.ts';
import type { PushAdapter } from './channels/push/push-adapter.ts';
import { PushDispatcher } from './channels/push/push-dispatcher.ts';
import type { SmsSender } from './channels/sms/sms-sender.ts';
import { systemClock, type Clock } from './clock.ts';
import type { JobQueue } from '../storage/queue/job-queue.ts';
import { forgivingScheduler, jobQueueScheduler, type DeliveryScheduler } from './delivery/delivery-scheduler.ts';
import { NotificationDeliveryWorker } from './delivery/notification-delivery-worker.ts';
import { DeviceRegistry } from './devices/device-registry.ts';
import { notificationOperationHandlers } from './http/index.ts';
import { NotificationInbox } from './inbox/notification-inbox.ts';
import { DevMailbox } from './mailbox/dev-mailbox.ts';
import type { NotificationConfig } from './notification-config.ts';
import { PreferenceStore } from './preferences/preference-store.ts';
import { NotificationRouter } from './router/notification-router.ts';
import { notificationEventConsumer } from './router/notification-event-consumer.ts';
import type { LivePublisher } from './router/routed-event.ts';
import type { EventConsumer } from '../events/index.ts';

export interface NotificationModuleDeps {
  db: Kysely<Database>;
  config: NotificationConfig;
  clock?: Clock;
  logger?: Logger;
  /** The real-time hub: new in-app notifications are pushed live through it. */
  live?: LivePublisher | null;
  /** The shared job queue: wake-ups for held deliveries become durable jobs (see `registerNotificationJobs`). */
  jobQueue?: Pick<JobQueue, 'enqueue'> | null;
  /** Outbound SMS (`selectSmsSender`: Twilio or the provider layer); the `sms` channel is skipped without. */
  sms?: SmsSender | null;
  /** Replaces the email sender chosen from `config.smtpUrl`. */
  email?: EmailSender | null;
  /**
   * Replaces the push adapters built from `config.fcm` / `config.apns`. Those sign their credentials
   * with real time, not `clock`: FCM and APNs check them against theirs.
   */
  push?: { fcm?: PushAdapter | null; apns?: PushAdapter | null };
}

/** The notification module, assembled. */
export interface NotificationModule {
  /** Implementations of the module's spec operations, to merge into the spec router's handlers. */
  handlers: ReturnType<typeof notificationOperationHandlers>;
  /** The outbox dispatcher's consumer (`notifications`). */
  consumer: EventConsumer;
  router: NotificationRouter;
  worker: NotificationDeliveryWorker;
  preferences: PreferenceStore;
  inbox: NotificationInbox;
  devices: DeviceRegistry;
  mailbox: DevMailbox;
  email: EmailSender;
  sms: SmsSender | null;
  /** Starts the periodic `deliverDue` tick (`config.deliveryIntervalMs`); returns a stop function. */
  startDeliveryLoop(): () => void;
  close(): Promise<void>;
}

/**
 * Builds the notification module: preferences, in-app inbox, router, delivery worker and channels
 * (SMTP or dev mailbox; SMS through `deps.sms`; FCM and APNs when configured).
 *
 * @example
 * const notifications = createNotificationModule({ db, config: loadNotificationConfig(), jobQueue: jobs, sms: selectSmsSender(loadOutboundSmsConfig(), providers.all()) });
 * registerSpecRoutes(app, spec, { ...operationHandlers, ...notifications.handlers }, store);
 * new OutboxDispatcher({ db, consumers: [..., notifications.consumer] });
 * await registerNotificationJobs(jobs, notifications);
 */
export function createNotificationModule(deps: NotificationModuleDeps): NotificationModule {
  const db = deps.db;
  const clock = deps.clock ?? systemClock;
  const { config, logger } = deps;
  const preferences = new PreferenceStore(db);
  const inbox = new NotificationInbox(db);
  const devices = new DeviceRegistry(db, { appIds: config.pushAppIds });
  const mailbox = new DevMailbox(db, { from: config.mailFrom, clock });
  const smtp = !deps.email && config.smtpUrl ? new SmtpEmailSender({ url: config.smtpUrl, from: config.mailFrom }) : null;
  const email = deps.email ?? smtp ?? mailbox;
  const sms = deps.sms ?? null;
  const fcm: PushAdapter | null =
    deps.push?.fcm !== undefined
      ? deps.push.fcm
      : config.fcm
        ? new FcmPushAdapter({ serviceAccount: config.fcm.serviceAccount, endpoint: config.fcm.endpoint })
        : null;
  const apns: PushAdapter | null = deps.push?.apns !== undefined ? deps.push.apns : config.apns ? new ApnsPushAdapter(config.apns) : null;
  const push = fcm || apns ? new PushDispatcher(devices, { fcm, apns }) : null;
  const scheduler: DeliveryScheduler | null = deps.jobQueue ? forgivingScheduler(jobQueueScheduler(deps.jobQueue), logger) : null;
  const worker = new NotificationDeliveryWorker({ db, preferences, clock, channels: { email, sms, push }, scheduler, logger });
  const router = new NotificationRouter({ db, preferences, clock, scheduler, live: deps.live, logger });
  const handlers = notificationOperationHandlers({ clock, inbox, preferences, devices, mailbox, worker });

  return {
    handlers,
    consumer: notificationEventConsumer(router),
    router,
    worker,
    preferences,
    inbox,
    devices,
    mailbox,
    email,
    sms,
    startDeliveryLoop() {
      if (config.deliveryIntervalMs <= 0) return () => {};
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        worker
          .deliverDue()
          .catch((error) => logger?.error({ err: error }, 'notification delivery run failed'))
          .finally(() => {
            running = false;
          });
      }, config.deliveryIntervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    async close() {
      smtp?.close();
      await fcm?.close?.();
      await apns?.close?.();
    },
  };
}
