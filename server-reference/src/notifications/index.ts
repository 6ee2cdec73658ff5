export { createNotificationModule, type NotificationModule, type NotificationModuleDeps } from './notification-module.ts';
export { loadNotificationConfig, type NotificationConfig } from './notification-config.ts';
export {
  DELIVER_DUE_JOB,
  DELIVER_DUE_TICK_JOB,
  PURGE_NOTIFICATIONS_JOB,
  jobQueueScheduler,
  type DeliveryScheduler,
} from './delivery/delivery-scheduler.ts';
export { registerNotificationJobs } from './notification-jobs.ts';
export { notificationEventConsumer, NOTIFICATION_CONSUMER } from './router/notification-event-consumer.ts';
export type { LivePublisher, NotificationOnlyOccurrence, RoutedEvent } from './router/routed-event.ts';
export { selectSmsSender, type SmsSender } from './channels/sms/sms-sender.ts';
export { loadOutboundSmsConfig, type OutboundSmsConfig } from './channels/sms/outbound-sms-config.ts';
export type { EmailSender, EmailMessage } from './channels/email/email-sender.ts';
export { systemClock, type Clock } from './clock.ts';
export { notifyEndpointDisabled, webhookChannelFilter } from './router/webhook-hooks.ts';
export { SECURITY_ALERT_KINDS, type SecurityAlertKind } from './content/security-alert-kinds.ts';
