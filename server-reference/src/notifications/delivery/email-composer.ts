import { DateTime } from 'luxon';
import type { EmailMessage } from '../channels/email/email-sender.ts';

/** The parts of a delivery an email is written from. */
export interface EmailItem {
  title: string;
  body: string;
  created_at: Date;
}

const FOOTER =
  'You receive this because of your Namaskah notification preferences; change them in the dashboard under Settings > Notifications.';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** One notification, one email: its title is the subject. */
export function notificationEmail(to: string, item: EmailItem): EmailMessage {
  return {
    to,
    subject: item.title,
    text: `${item.body}\n\n--\n${FOOTER}\n`,
    html: `<p>${escapeHtml(item.body)}</p><hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`,
  };
}

/**
 * One digest email for every notification of a period, oldest first, each stamped with its local time
 * in the account's zone.
 */
export function digestEmail(to: string, frequency: 'hourly' | 'daily', items: EmailItem[], accountZone: string): EmailMessage {
  const sorted = [...items].sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  const when = (item: EmailItem) => DateTime.fromJSDate(item.created_at, { zone: accountZone }).toFormat('yyyy-LL-dd HH:mm');
  const count = `${sorted.length} notification${sorted.length === 1 ? '' : 's'}`;
  const subject = `Your ${frequency} Namaskah digest: ${count}`;
  const text = sorted.map((item) => `* ${when(item)}  ${item.title}\n  ${item.body}`).join('\n\n');
  const html = `<ul>${sorted.map((item) => `<li><strong>${escapeHtml(item.title)}</strong> <small>${escapeHtml(when(item))}</small><br>${escapeHtml(item.body)}</li>`).join('')}</ul>`;
  return {
    to,
    subject,
    text: `${text}\n\n--\n${FOOTER}\n`,
    html: `${html}<hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`,
  };
}
