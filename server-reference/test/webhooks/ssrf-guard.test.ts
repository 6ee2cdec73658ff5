import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookModule } from '../../src/webhooks/index.ts';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const REFUSED_URLS = [
  'http://127.0.0.1/hook',
  'http://10.0.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://hooks.internal.test/hook', // the resolver maps this name to 10.0.0.5
];

describe.each(DRIVERS)('SSRF guard (%s)', (driver) => {
  describe('without an allowlist', () => {
    let h: WebhookHarness;
    let user: { token: string; userId: string };
    let receiver: WebhookReceiver;
    beforeEach(async () => {
      h = await createWebhookHarness(driver, {
        config: { allowedCidrs: [] },
        hosts: { 'hooks.internal.test': ['10.0.0.5'], 'rebind.test': ['93.184.215.14'] },
      });
      user = await h.proUser();
      receiver = await startReceiver();
    });
    afterEach(async () => {
      await receiver.close();
      await h.close();
    });

    it.each(REFUSED_URLS)('refuses %s at registration with 422 webhook_url_not_allowed', async (url) => {
      const res = await h.request('POST', '/v1/webhook-endpoints', { token: user.token, body: { url, event_types: ['*'] } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('webhook_url_not_allowed');
      expect(res.body.detail).toMatch(/address/);
      const count = await h.db
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });

    it('checks again at connect time: a name that later resolves inwards is never connected to', async () => {
      const created = await h.request('POST', '/v1/webhook-endpoints', {
        token: user.token,
        body: { url: `http://rebind.test:${receiver.port}/hook`, event_types: ['*'] },
      });
      expect(created.status).toBe(201);
      // DNS rebinding: the name now points at the loopback receiver
      h.hosts['rebind.test'] = ['127.0.0.1'];
      await h.webhooks.handleEvent(committedEvent(user.userId));
      await h.webhooks.worker.runDue();
      const [delivery] = await h.db.selectFrom('webhook_deliveries').selectAll().where('trigger', '=', 'event').execute();
      if (!delivery) throw new Error('no event delivery was recorded');
      expect(delivery.status).toBe('failed');
      expect(delivery.error_code).toBe('ssrf_blocked');
      expect(delivery.error_message).toContain('127.0.0.1');
      expect(delivery.response_status).toBeNull();
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses http URLs when the operator does not allow http', async () => {
      const strict = createWebhookModule({
        db: h.server.database.db,
        config: { ...h.webhooks.config, allowHttp: false, allowedCidrs: ['127.0.0.0/8'] },
      });
      await expect(
        strict.endpoints.create(user.userId, { url: `http://127.0.0.1:${receiver.port}/x`, event_types: ['*'] }),
      ).rejects.toMatchObject({ status: 422, code: 'webhook_url_not_allowed' });
      await strict.stop();
    });
  });

  describe('with the operator allowlist', () => {
    let h: WebhookHarness;
    let user: { token: string; userId: string };
    beforeEach(async () => {
      h = await createWebhookHarness(driver, {
        config: { allowedCidrs: ['127.0.0.0/8', '::1/128', '10.0.0.0/8', '169.254.169.254/32'] },
        hosts: { 'hooks.internal.test': ['10.0.0.5'] },
      });
      user = await h.proUser();
    });
    afterEach(() => h.close());

    it.each(REFUSED_URLS)('accepts %s', async (url) => {
      const res = await h.request('POST', '/v1/webhook-endpoints', { token: user.token, body: { url, event_types: ['*'] } });
      expect(res.status).toBe(201);
    });

    it('delivers to an allowlisted loopback receiver, over IPv4 and IPv6 literals and a mapped name', async () => {
      const receivers = [await startReceiver('127.0.0.1'), await startReceiver('::1')] as const;
      h.hosts['local.test'] = ['127.0.0.1'];
      try {
        const urls = [`${receivers[0].url}/a`, `${receivers[1].url}/b`, `http://local.test:${receivers[0].port}/c`];
        for (const url of urls) {
          expect((await h.request('POST', '/v1/webhook-endpoints', { token: user.token, body: { url, event_types: ['*'] } })).status).toBe(
            201,
          );
        }
        await h.webhooks.handleEvent(committedEvent(user.userId));
        await h.webhooks.worker.runDue();
        expect(receivers[0].received.map((r) => r.path).sort()).toEqual(['/a', '/c']);
        expect(receivers[1].received.map((r) => r.path)).toEqual(['/b']);
        expect(receivers[0].received.find((r) => r.path === '/c')!.headers.host).toBe(`local.test:${receivers[0].port}`);
      } finally {
        await Promise.all(receivers.map((r) => r.close()));
      }
    });
  });
});
