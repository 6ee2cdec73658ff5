import type { EmailMessage, EmailSender } from '../../notifications/index.ts';

/** A file sent with a report email. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** An email that may carry attachments (reports do). */
export interface ReportEmail extends EmailMessage {
  attachments?: EmailAttachment[];
}

/** What scheduled reports send through: the notification email channel, or anything with `send`. */
export interface ReportMailer {
  send(message: ReportEmail): Promise<void>;
}

/**
 * Uses the notification module's `EmailSender` (SMTP or the dev mailbox) for reports. The attachments
 * ride along on the message; a sender that does not know them still delivers the text, which names the
 * file and says where to download it.
 */
export const reportMailerFrom = (sender: EmailSender): ReportMailer => ({ send: (message) => sender.send(message) });
