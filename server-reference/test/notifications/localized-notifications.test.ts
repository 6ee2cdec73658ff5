import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

const LOW_BALANCE = { balance: { amount: 120, currency: 'USD' }, threshold: { amount: 150000, currency: 'USD' } };

/** What each locale's account must see: the in-app notification and its email, in its language. */
const CASES = [
  {
    locale: 'en-US',
    title: 'Low balance',
    body: 'Your balance is $1.20, below your threshold of $1,500.00. Top up to keep verifying.',
    footer: 'You receive this because of your Namaskah notification preferences',
  },
  {
    locale: 'es-ES',
    title: 'Saldo bajo',
    // Intl puts a no-break space between the amount and the currency
    body: 'Tu saldo es de 1,20\u00a0US$, por debajo de tu umbral de 1500,00\u00a0US$. Recarga para seguir verificando.',
    footer: 'Recibes esto por tus preferencias de notificación de Namaskah',
  },
  // no German catalogue: English texts and English formats
  {
    locale: 'de-DE',
    title: 'Low balance',
    body: 'Your balance is $1.20, below your threshold of $1,500.00. Top up to keep verifying.',
    footer: 'You receive this because of your Namaskah notification preferences',
  },
] as const;

describe.each(DRIVERS)('notifications in the account language (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeAll(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(CASES)('renders the in-app notification and the email in $locale', async ({ locale, title, body, footer }) => {
    const { token, userId, email } = await t.user();
    const patched = await t.request('PATCH', '/v1/me', { token, body: { locale } });
    expect(patched.body.locale).toBe(locale);
    await t.module.router.routeEvent(t.event(userId, 'balance.low', LOW_BALANCE));

    const list = await t.request('GET', '/v1/notifications', { token });
    expect(list.body.data[0]).toMatchObject({ type: 'balance.low', title, body });

    expect((await t.module.worker.deliverDue()).sent).toBeGreaterThanOrEqual(1);
    const [mail] = await t.mailTo(email);
    expect(mail?.subject).toBe(title);
    expect(mail?.text).toContain(body);
    expect(mail?.text).toContain(footer);
  });

  it('writes a security alert and a daily digest in Spanish', async () => {
    const { token, userId, email } = await t.user();
    await t.request('PATCH', '/v1/me', { token, body: { locale: 'es' } });
    await t.module.router.notify({
      type: 'security.alert',
      userId,
      key: 'es-rotated',
      details: { alert: 'api_key_rotated', values: { name: 'ci', seconds: 1 } },
    });
    const [alert] = (await t.request('GET', '/v1/notifications', { token })).body.data;
    expect(alert).toMatchObject({
      title: 'Clave de API rotada',
      body: 'Se rotó la clave de API «ci»; el secreto anterior deja de funcionar en 1 segundo.',
    });

    await t.request('PATCH', '/v1/notification-preferences/refund.issued', {
      token,
      body: { channels: ['in_app', 'email'], frequency: 'daily' },
    });
    const refund = { id: 'txn_1', amount: { amount: 250, currency: 'USD' }, verification_id: 'ver_1', reason: 'expired' };
    await t.module.router.routeEvent(t.event(userId, 'refund.issued', refund));
    await t.module.router.routeEvent(t.event(userId, 'refund.issued', { ...refund, id: 'txn_2' }));
    t.clock.set('2026-11-22T00:00:00Z');
    await t.module.worker.deliverDue();
    const digest = (await t.mailTo(email)).find((m) => m.subject.startsWith('Tu resumen'));
    expect(digest?.subject).toBe('Tu resumen diario de Namaskah: 2 notificaciones');
    expect(digest?.text).toContain('Se reembolsaron 2,50\u00a0US$ a tu saldo (expired).');
    // each entry stamped in Spanish date format
    expect(digest?.text).toMatch(/20 nov 2026, 12:00/);
  });
});
