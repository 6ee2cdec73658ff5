import { NOTIFICATION_SEVERITY_VALUES } from '../../contract/index.ts';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import type { NotificationSeverity, NotificationType } from '../notification-types.ts';
import { TYPE_DEFAULTS } from '../preferences/preference-defaults.ts';
import { isSecurityAlertKind } from './security-alert-kinds.ts';

/** What a notification says: the in-app record and every channel share it. */
export interface NotificationContent {
  title: string;
  body: string;
  severity: NotificationSeverity;
  /** Ids of the objects it is about (spec/schemas/notification.yaml `data`). */
  data: Record<string, string>;
}

const TITLE_MAX = 120;
const BODY_MAX = 1000;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Keeps the id-shaped members the spec lists for `data`, dropping nulls. */
const ids = (entries: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0),
  );

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

type Written = Omit<NotificationContent, 'severity'> & { severity?: NotificationSeverity };
type Writer = (data: any, t: Translator) => Written;

/** `whatsapp` -> `Whatsapp`; services have display names in the catalog, slugs are all events carry. */
const serviceLabel = (slug: unknown, t: Translator): string => {
  const name = text(slug);
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : t.t('common.your_service');
};

const verification = (d: any, t: Translator) => ({
  service: serviceLabel(d?.service, t),
  phone: text(d?.phone_number) ?? t.t('common.your_number'),
});

/** A verification notification: `<prefix>.title` and `<prefix>.body` (or its `variant`) about the verification `d`. */
const aboutVerification =
  (prefix: string, variant?: (d: any) => { suffix: string; values: Record<string, string> } | null): Writer =>
  (d, t) => {
    const values = verification(d, t);
    const chosen = variant?.(d) ?? null;
    return {
      title: t.t(`${prefix}.title` as MessageKey, values),
      body: t.t(`${prefix}.${chosen?.suffix ?? 'body'}` as MessageKey, { ...values, ...chosen?.values }),
      data: ids({ verification_id: d?.id }),
    };
  };

const WRITERS: Record<NotificationType, Writer> = {
  'verification.created': aboutVerification('notification.verification_created'),
  'verification.completed': aboutVerification('notification.verification_completed', (d) =>
    text(d?.code) ? { suffix: 'body_with_code', values: { code: d.code } } : null,
  ),
  'verification.failed': aboutVerification('notification.verification_failed', (d) =>
    text(d?.failure_reason) ? { suffix: 'body_with_reason', values: { reason: d.failure_reason } } : null,
  ),
  'verification.cancelled': aboutVerification('notification.verification_cancelled'),
  'verification.expired': (d, t) => ({
    ...aboutVerification('notification.verification_expired')(d, t),
    body: t.t('notification.verification_expired.body', { ...verification(d, t), price: t.money(d?.price) }),
  }),
  'sms.received': (d, t) => ({
    title: t.t('notification.sms_received.title'),
    body: t.t('notification.sms_received.body', {
      from: text(d?.message?.from) ?? t.t('common.unknown_sender'),
      text: String(d?.message?.text ?? ''),
    }),
    data: ids({ verification_id: d?.verification_id, sms_id: d?.message?.id }),
  }),
  'credit.deducted': (d, t) => ({
    title: t.t('notification.credit_deducted.title'),
    body: t.t('notification.credit_deducted.body', { amount: t.money(d?.amount), balance: t.money(d?.balance_after) }),
    data: ids({ transaction_id: d?.id, verification_id: d?.verification_id }),
  }),
  'balance.credited': (d, t) => ({
    title: t.t('notification.balance_credited.title'),
    body: t.t('notification.balance_credited.body', { amount: t.money(d?.amount), balance: t.money(d?.balance_after) }),
    data: ids({ transaction_id: d?.id, top_up_id: d?.top_up_id }),
  }),
  'refund.issued': (d, t) => ({
    title: t.t('notification.refund_issued.title'),
    body: text(d?.reason)
      ? t.t('notification.refund_issued.body_with_reason', { amount: t.money(d?.amount), reason: d.reason })
      : t.t('notification.refund_issued.body', { amount: t.money(d?.amount) }),
    data: ids({ transaction_id: d?.id, verification_id: d?.verification_id }),
  }),
  'balance.low': (d, t) => ({
    title: t.t('notification.balance_low.title'),
    body: t.t('notification.balance_low.body', { balance: t.money(d?.balance), threshold: t.money(d?.threshold) }),
    data: {},
  }),
  // an announcement is written by an admin in one language and shown as written
  'announcement.published': (d, t) => ({
    title: text(d?.title) ?? t.t('notification.announcement_published.title'),
    body: String(d?.body ?? ''),
    severity: (NOTIFICATION_SEVERITY_VALUES as readonly string[]).includes(d?.severity) ? d.severity : 'info',
    data: ids({ announcement_id: d?.id }),
  }),
  // notification-only types: their producers say what happened (see NotificationRouter.notify)
  'security.alert': (d, t) => {
    const alert: unknown = d?.alert;
    const kind = isSecurityAlertKind(alert) ? alert : null;
    const values = (d?.values ?? {}) as Record<string, string | number>;
    return {
      title: kind ? t.t(`security_alert.${kind}.title`, values) : t.t('notification.security_alert.title'),
      body: kind ? t.t(`security_alert.${kind}.body`, values) : t.t('notification.security_alert.body'),
      data: ids(d?.ids ?? {}),
    };
  },
  'webhook.endpoint_disabled': (d, t) => ({
    title: t.t('notification.webhook_endpoint_disabled.title'),
    body: t.t('notification.webhook_endpoint_disabled.body', { url: String(d?.url ?? ''), reason: String(d?.reason ?? '') }),
    data: ids({ endpoint_id: d?.endpoint_id }),
  }),
  'report.ready': (d, t) => ({
    title: t.t('notification.report_ready.title'),
    body: t.t('notification.report_ready.body', { name: String(d?.name ?? '') }),
    data: ids({ report_id: d?.report_id }),
  }),
};

/**
 * The title, body, severity and related ids of a notification of `type` about `data` (the event's `data`
 * for catalog types; the producer's description for notification-only ones), as plain text in the
 * translator's language, with money and numbers in its locale.
 *
 * @example
 * notificationContent('balance.low', { balance: { amount: 120, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } }, translatorFor('es')).title // 'Saldo bajo'
 */
export function notificationContent(type: NotificationType, data: unknown, t: Translator): NotificationContent {
  const written = WRITERS[type](data, t);
  return {
    title: clip(written.title.trim() || type, TITLE_MAX),
    body: clip(written.body, BODY_MAX),
    severity: written.severity ?? TYPE_DEFAULTS[type].severity,
    data: written.data,
  };
}
