import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmtpEmailSender } from '../../src/notifications/channels/email/smtp-email-sender.ts';
import { createNotificationModule, type NotificationModule } from '../../src/notifications/notification-module.ts';
import { loadNotificationConfig } from '../../src/notifications/notification-config.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { insertUser } from './support/insert-user.ts';
import { startLocalSmtpServer, type LocalSmtpServer } from './support/local-smtp-server.ts';
import { TestClock } from './support/test-clock.ts';

describe('email over SMTP', () => {
  let smtp: LocalSmtpServer;
  beforeEach(async () => {
    smtp = await startLocalSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
  });

  it('delivers a message that a real SMTP server receives and parses', async () => {
    const sender = new SmtpEmailSender({ url: smtp.url, from: 'no-reply@namaskah.dev' });
    await sender.send({
      to: 'asha@example.com',
      subject: 'Low balance',
      text: 'Your balance is $1.20.',
      html: '<p>Your balance is <b>$1.20</b>.</p>',
    });
    sender.close();
    await smtp.waitFor(1);
    const { envelope, mail } = smtp.received[0]!;
    expect(envelope).toEqual({ from: 'no-reply@namaskah.dev', to: ['asha@example.com'] });
    expect(mail.subject).toBe('Low balance');
    expect(mail.text?.trim()).toBe('Your balance is $1.20.');
    expect(mail.html).toContain('<b>$1.20</b>');
    expect(mail.from?.text).toBe('no-reply@namaskah.dev');
  });

  it('throws when the server refuses, so the delivery is retried', async () => {
    smtp.refuseNext(1);
    const sender = new SmtpEmailSender({ url: smtp.url, from: 'no-reply@namaskah.dev' });
    await expect(sender.send({ to: 'asha@example.com', subject: 'x', text: 'y' })).rejects.toThrow(/451|Try again/);
    sender.close();
  });

  describe('through the module, with SMTP_URL set', () => {
    let database: DatabaseHandle;
    let module: NotificationModule;
    const clock = new TestClock('2026-11-21T04:30:00Z');

    beforeEach(async () => {
      database = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
      await migrateToLatest(database.db);
      await seedTiers(database.db);
      module = createNotificationModule({
        db: database.db,
        clock,
        config: loadNotificationConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'alerts@namaskah.dev' }),
      });
    });
    afterEach(async () => {
      await module.close();
      await database.close();
    });

    it('sends a security alert at once and a held notification when quiet hours end, and keeps nothing in the dev mailbox', async () => {
      const user = await insertUser(database.db, { timezone: 'America/New_York' });
      await module.preferences.update(
        { id: user.id, phone_number: null },
        'balance.low',
        {
          channels: ['in_app', 'email'],
          quiet_hours: { enabled: true, start: '22:00', end: '07:00', timezone: 'America/New_York' },
        },
        clock.now(),
      );
      await module.router.routeEvent({
        id: 'evt_SMTP1',
        type: 'balance.low',
        userId: user.id,
        data: { balance: { amount: 99, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
      });
      await module.router.notify({
        type: 'security.alert',
        userId: user.id,
        key: 'password-changed:1',
        details: { alert: 'password_changed' },
      });
      await module.worker.deliverDue();
      await smtp.waitFor(1);
      expect(smtp.received.map((r) => r.mail.subject)).toEqual(['Password changed']);

      clock.set('2026-11-21T12:00:00Z');
      await module.worker.deliverDue();
      await smtp.waitFor(2);
      const held = smtp.received[1]!;
      expect(held.envelope.to).toEqual([user.email]);
      expect(held.mail.from?.text).toBe('alerts@namaskah.dev');
      expect(held.mail.subject).toBe('Low balance');
      expect(held.mail.text).toContain('Your balance is $0.99');
      const mailbox = await database.db.selectFrom('mailbox_messages').selectAll().execute();
      expect(mailbox).toEqual([]);
    });
  });
});
