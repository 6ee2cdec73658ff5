import type { Translator } from '../../i18n/index.ts';
import type { EmailMessage } from '../channels/email/email-sender.ts';

/** The parts of a delivery an email is written from (already in the account's language). */
export interface EmailItem {
  title: string;
  body: string;
  created_at: Date;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const footerHtml = (t: Translator) => `<hr><p style="color:#666;font-size:12px">${escapeHtml(t.t('email.footer'))}</p>`;

/** One notification, one email: its title is the subject, the footer in the translator's language. */
export function notificationEmail(to: string, item: EmailItem, t: Translator): EmailMessage {
  return {
    to,
    subject: item.title,
    text: `${item.body}\n\n--\n${t.t('email.footer')}\n`,
    html: `<p>${escapeHtml(item.body)}</p>${footerHtml(t)}`,
  };
}

/**
 * One digest email for every notification of a period, oldest first, each stamped with its local date
 * and time in the account's zone, formatted for the translator's locale.
 */
export function digestEmail(
  to: string,
  frequency: 'hourly' | 'daily',
  items: EmailItem[],
  accountZone: string,
  t: Translator,
): EmailMessage {
  const sorted = [...items].sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  const when = (item: EmailItem) => t.dateTime(item.created_at, accountZone);
  const subject = t.t('email.digest_subject', { frequency, count: sorted.length });
  const text = sorted.map((item) => `* ${when(item)}  ${item.title}\n  ${item.body}`).join('\n\n');
  const html = `<ul>${sorted.map((item) => `<li><strong>${escapeHtml(item.title)}</strong> <small>${escapeHtml(when(item))}</small><br>${escapeHtml(item.body)}</li>`).join('')}</ul>`;
  return {
    to,
    subject,
    text: `${text}\n\n--\n${t.t('email.footer')}\n`,
    html: `${html}${footerHtml(t)}`,
  };
}
