import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

describe.each(DRIVERS)('delivery attempts and the log (%s)', (driver) => {
  let h: WebhookHarness;
  let receiver: WebhookReceiver;
  let userId: string;
  beforeEach(async () => {
    h = await createWebhookHarness(driver, { clockStart: Date.now(), config: { timeoutMs: 500 } });
    receiver = await startReceiver();
    userId = await h.insertUser();
  });
  afterEach(async () => {
    await receiver.close();
    await h.close();
  });

  const deliveries = (endpointId: string) =>
    h.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute();

  async function deliverOne(endpointId: string) {
    const event = committedEvent(userId);
    await h.webhooks.handleEvent(event);
    await h.webhooks.worker.runDue();
    const rows = await deliveries(endpointId);
    return { event, first: rows.find((r) => r.event_id === event.id && r.trigger === 'event')!, rows };
  }

  it('records a success: status, headers sent, latency, response body', async () => {
    receiver.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
    const { id } = await h.endpoint(userId, `${receiver.url}/ok`);
    const { first, event } = await deliverOne(id);
    expect(first).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      response_status: 200,
      response_body: '{"received":true}',
      response_body_truncated: false,
      error_code: null,
      next_attempt_at: null,
      url: `${receiver.url}/ok`,
    });
    expect(first.latency_ms).toBeGreaterThanOrEqual(0);
    expect(first.attempted_at).not.toBeNull();
    expect(first.request_headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Namaskah-Webhooks/1.0',
      'webhook-id': event.id,
    });
    expect(first.request_headers!['webhook-signature']).toMatch(/^v1,/);
    const endpoint = await h.webhooks.endpoints.get(userId, id);
    expect(endpoint.last_success_at).not.toBeNull();
    expect(endpoint.failure_since).toBeNull();
  });

  it('keeps only the first 1 KiB of a response body, and says it was cut', async () => {
    receiver.respond((_req, res) => {
      res.writeHead(500);
      res.end('é'.repeat(2000));
    });
    const { id } = await h.endpoint(userId, `${receiver.url}/big`);
    const { first } = await deliverOne(id);
    expect(first.status).toBe('failed');
    expect(first.error_code).toBe('http_status');
    expect(first.error_message).toBe('The endpoint answered 500 Internal Server Error.');
    expect(first.response_body_truncated).toBe(true);
    expect(Buffer.byteLength(first.response_body!.replace(/\uFFFD$/, ''), 'utf8')).toBeLessThanOrEqual(1024);
    expect(first.response_body!.startsWith('éé')).toBe(true);
  });

  it('does not follow redirects: a 3xx is a failure and the target is never requested', async () => {
    const target = await startReceiver();
    try {
      receiver.respond((_req, res) => {
        res.writeHead(302, { location: `${target.url}/elsewhere` });
        res.end();
      });
      const { id } = await h.endpoint(userId, `${receiver.url}/moved`);
      const { first } = await deliverOne(id);
      expect(first).toMatchObject({ status: 'failed', response_status: 302, error_code: 'redirect' });
      expect(first.error_message).toContain('redirects are not followed');
      expect(first.next_attempt_at).not.toBeNull();
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('fails an attempt that gets no complete response before the timeout', async () => {
    receiver.respond(async (_req, res) => {
      res.writeHead(200);
      res.write('partial');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      res.end();
    });
    const { id } = await h.endpoint(userId, `${receiver.url}/slow`);
    const started = Date.now();
    const { first } = await deliverOne(id);
    expect(Date.now() - started).toBeLessThan(1400);
    expect(first).toMatchObject({ status: 'failed', error_code: 'timeout', response_status: null });
    expect(first.latency_ms).toBeGreaterThanOrEqual(450);
  });

  it('records a refused connection', async () => {
    const closed = await startReceiver();
    const url = `${closed.url}/gone`;
    await closed.close();
    const { id } = await h.endpoint(userId, url);
    const { first } = await deliverOne(id);
    expect(first).toMatchObject({ status: 'failed', error_code: 'connection_failed', response_status: null, response_body: null });
  });

  it('disables the endpoint on 410 Gone at once, tells the owner, and cancels what was pending', async () => {
    receiver.respond((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    const { first: failed } = await deliverOne(id);
    expect(failed.next_attempt_at).not.toBeNull();

    receiver.respond((_req, res) => {
      res.writeHead(410);
      res.end();
    });
    const { first: gone, rows } = await deliverOne(id);
    expect(gone).toMatchObject({ status: 'failed', response_status: 410, next_attempt_at: null });
    const endpoint = await h.webhooks.endpoints.get(userId, id);
    expect(endpoint).toMatchObject({ enabled: false, disabled_reason: 'gone_410' });
    expect(h.disabledNotices).toEqual([expect.objectContaining({ userId, endpointId: id, reason: 'gone_410' })]);
    // the first event's retry was cancelled, and its failed attempt no longer points at it
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
    const retry = rows.find((r) => r.trigger === 'retry')!;
    expect(retry).toMatchObject({ status: 'failed', error_code: 'endpoint_disabled', attempted_at: null });
    expect(rows.find((r) => r.id === failed.id)!.next_attempt_at).toBeNull();

    // while disabled, new events are recorded as failed and not sent
    const sent = receiver.received.length;
    const { first: skipped } = await deliverOne(id);
    expect(skipped).toMatchObject({ status: 'failed', error_code: 'endpoint_disabled', attempted_at: null });
    expect(receiver.received).toHaveLength(sent);
  });

  it('disables an endpoint that has failed without a success for 5 days', async () => {
    receiver.respond((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    await deliverOne(id);
    const since = (await h.webhooks.endpoints.get(userId, id)).failure_since!;
    expect(since.getTime()).toBe(h.clock!.now());

    h.clock!.advance(5 * 86_400_000 - 60_000);
    await deliverOne(id);
    expect((await h.webhooks.endpoints.get(userId, id)).enabled).toBe(true);

    h.clock!.advance(60_000);
    await deliverOne(id);
    const endpoint = await h.webhooks.endpoints.get(userId, id);
    expect(endpoint).toMatchObject({ enabled: false, disabled_reason: 'failing_5_days' });
    expect(h.disabledNotices.map((n) => n.reason)).toEqual(['failing_5_days']);
  });

  it('a success ends the failure run', async () => {
    let fail = true;
    receiver.respond((_req, res) => {
      res.writeHead(fail ? 500 : 204);
      res.end();
    });
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    await deliverOne(id);
    expect((await h.webhooks.endpoints.get(userId, id)).failure_since).not.toBeNull();
    fail = false;
    h.clock!.advance(4 * 86_400_000);
    await deliverOne(id);
    const endpoint = await h.webhooks.endpoints.get(userId, id);
    expect(endpoint.failure_since).toBeNull();
    expect(endpoint.last_success_at!.getTime()).toBe(h.clock!.now());
  });
});
