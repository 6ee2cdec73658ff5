/** One outgoing email. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Optional HTML alternative of `text`. */
  html?: string | null;
}

/** Sends email: over SMTP (`SmtpEmailSender`) or into the dev mailbox (`MailboxEmailSender`). */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}
