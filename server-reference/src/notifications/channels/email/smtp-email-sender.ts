import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailMessage, EmailSender } from './email-sender.ts';

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` or `smtps://...:465` (nodemailer's connection URL). */
  url: string;
  /** The sender address, e.g. `Namaskah <no-reply@namaskah.dev>`. */
  from: string;
}

/**
 * Delivers email over SMTP with nodemailer, keeping a pool of connections. Throws when the server refuses
 * a message, so the delivery worker retries it.
 *
 * @example
 * const email = new SmtpEmailSender({ url: process.env.SMTP_URL!, from: 'no-reply@namaskah.dev' });
 */
export class SmtpEmailSender implements EmailSender {
  readonly #transport: Transporter;

  private readonly options: SmtpOptions;
  constructor(options: SmtpOptions) {
    this.options = options;
    const url = new URL(options.url);
    // pooled keeps one connection open across a burst of notifications instead of one TCP+TLS per mail
    url.searchParams.set('pool', 'true');
    this.#transport = nodemailer.createTransport(url.toString());
  }

  async send(message: EmailMessage): Promise<void> {
    await this.#transport.sendMail({
      from: this.options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
    });
  }

  /** Closes pooled connections. */
  close(): void {
    this.#transport.close();
  }
}
