import { NOTIFICATION_SEVERITY_VALUES } from '../../contract/index.ts';
import type { NotificationSeverity, NotificationType } from '../notification-types.ts';
import { TYPE_DEFAULTS } from '../preferences/preference-defaults.ts';
import { formatMoney } from './format-money.ts';

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

/** `whatsapp` -> `Whatsapp`; services have display names in the catalog, slugs are all events carry. */
const serviceLabel = (slug: unknown): string =>
  typeof slug === 'string' && slug.length > 0 ? slug.charAt(0).toUpperCase() + slug.slice(1) : 'Your';

/** Keeps the id-shaped members the spec lists for `data`, dropping nulls. */
const ids = (entries: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0),
  );

type Writer = (data: any) => Omit<NotificationContent, 'severity'> & { severity?: NotificationSeverity };

const verification = (data: any) => ({ service: serviceLabel(data?.service), phone: data?.phone_number ?? 'your number' });

const WRITERS: Record<NotificationType, Writer> = {
  'verification.created': (d) => {
    const v = verification(d);
    return {
      title: `${v.service} number ready`,
      body: `Your ${v.service} number ${v.phone} is waiting for a code.`,
      data: ids({ verification_id: d?.id }),
    };
  },
  'verification.completed': (d) => {
    const v = verification(d);
    return {
      title: `${v.service} code received`,
      body: d?.code
        ? `Your ${v.service} number ${v.phone} received the code ${d.code}.`
        : `Your ${v.service} number ${v.phone} received its code.`,
      data: ids({ verification_id: d?.id }),
    };
  },
  'verification.failed': (d) => {
    const v = verification(d);
    const why = d?.failure_reason ? ` (${d.failure_reason})` : '';
    return {
      title: `${v.service} verification failed`,
      body: `The provider failed your ${v.service} verification on ${v.phone}${why}. The price was refunded.`,
      data: ids({ verification_id: d?.id }),
    };
  },
  'verification.cancelled': (d) => {
    const v = verification(d);
    return {
      title: `${v.service} verification cancelled`,
      body: `Your ${v.service} verification on ${v.phone} was cancelled and refunded.`,
      data: ids({ verification_id: d?.id }),
    };
  },
  'verification.expired': (d) => {
    const v = verification(d);
    return {
      title: `${v.service} verification expired`,
      body: `No code reached ${v.phone} in time, so the verification expired and ${formatMoney(d?.price)} was refunded.`,
      data: ids({ verification_id: d?.id }),
    };
  },
  'sms.received': (d) => ({
    title: 'SMS received',
    body: `From ${d?.message?.from ?? 'an unknown sender'}: ${d?.message?.text ?? ''}`,
    data: ids({ verification_id: d?.verification_id, sms_id: d?.message?.id }),
  }),
  'credit.deducted': (d) => ({
    title: 'Balance charged',
    body: `${formatMoney(d?.amount)} was deducted from your balance; ${formatMoney(d?.balance_after)} remains.`,
    data: ids({ transaction_id: d?.id, verification_id: d?.verification_id }),
  }),
  'balance.credited': (d) => ({
    title: 'Balance credited',
    body: `${formatMoney(d?.amount)} was added to your balance, which is now ${formatMoney(d?.balance_after)}.`,
    data: ids({ transaction_id: d?.id, top_up_id: d?.top_up_id }),
  }),
  'refund.issued': (d) => ({
    title: 'Refund issued',
    body: `${formatMoney(d?.amount)} was refunded to your balance${d?.reason ? ` (${d.reason})` : ''}.`,
    data: ids({ transaction_id: d?.id, verification_id: d?.verification_id }),
  }),
  'balance.low': (d) => ({
    title: 'Low balance',
    body: `Your balance is ${formatMoney(d?.balance)}, below your threshold of ${formatMoney(d?.threshold)}. Top up to keep verifying.`,
    data: {},
  }),
  'announcement.published': (d) => ({
    title: String(d?.title ?? 'Announcement'),
    body: String(d?.body ?? ''),
    severity: (NOTIFICATION_SEVERITY_VALUES as readonly string[]).includes(d?.severity) ? d.severity : 'info',
    data: ids({ announcement_id: d?.id }),
  }),
  // notification-only types: their producers write the text (see NotificationRouter.notify)
  'security.alert': (d) => ({
    title: String(d?.title ?? 'Security alert'),
    body: String(d?.body ?? 'Something changed in your account security.'),
    data: ids(d?.ids ?? {}),
  }),
  'webhook.endpoint_disabled': (d) => ({
    title: 'Webhook endpoint disabled',
    body: `Your webhook endpoint${d?.url ? ` ${d.url}` : ''} was disabled${d?.reason ? `: ${d.reason}` : ''}.`,
    data: ids({ endpoint_id: d?.endpoint_id }),
  }),
  'report.ready': (d) => ({
    title: 'Report ready',
    body: `Your scheduled report${d?.name ? ` "${d.name}"` : ''} was generated and emailed.`,
    data: ids({ report_id: d?.report_id }),
  }),
};

/**
 * The title, body, severity and related ids of a notification of `type` about `data` (the event's `data`
 * for catalog types; the producer's description for notification-only ones). Plain text, English.
 *
 * @example
 * notificationContent('balance.low', { balance: { amount: 120, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } }).title // 'Low balance'
 */
export function notificationContent(type: NotificationType, data: unknown): NotificationContent {
  const written = WRITERS[type](data);
  return {
    title: clip(written.title.trim() || type, TITLE_MAX),
    body: clip(written.body, BODY_MAX),
    severity: written.severity ?? TYPE_DEFAULTS[type].severity,
    data: written.data,
  };
}
