import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

describe.each(DRIVERS)('test events, the delivery API and replays (%s)', (driver) => {
  let h: WebhookHarness;
  let receiver: WebhookReceiver;
  let user: { token: string; userId: string };
  let endpoint: { id: string; secret: string };
  let status = 204;
  beforeEach(async () => {
    h = await createWebhookHarness(driver);
    receiver = await startReceiver();
    status = 204;
    receiver.respond((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 204 ? undefined : `status ${status}`);
    });
    user = await h.proUser();
    const created = await h.request('POST', '/v1/webhook-endpoints', {
      token: user.token,
      body: { url: `${receiver.url}/hook`, event_types: ['refund.issued'] },
    });
    endpoint = { id: created.body.id, secret: created.body.secret };
  });
  afterEach(async () => {
    await receiver.close();
    await h.close();
  });

  const api = (method: string, path: string, body?: unknown) =>
    h.request(method, `/v1/webhook-endpoints/${endpoint.id}${path}`, { token: user.token, body });

  it('sends a signed test event of the catalog type asked for, whatever the filter, and changes nothing', async () => {
    const res = await api('POST', '/test', { event_type: 'verification.completed' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      trigger: 'test',
      attempt: 1,
      event_type: 'verification.completed',
      response_status: 204,
      next_attempt_at: null,
    });
    expect(res.headers.get('location')).toBe(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${res.body.id}`);
    const [request] = receiver.received;
    if (!request) throw new Error('no webhook request was received');
    expect(request.headers['namaskah-webhook-test']).toBe('true');
    expect(res.body.request_headers['namaskah-webhook-test']).toBe('true');
    new Webhook(endpoint.secret).verify(request.body, request.headers);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ id: res.body.event_id, type: 'verification.completed', sequence: 1 });
    expect(body.data.status).toBe('completed');
    const after = await api('GET', '');
    expect(after.body.last_success_at).toBeNull();

    status = 410;
    const gone = await api('POST', '/test', {});
    expect(gone.body).toMatchObject({ status: 'failed', response_status: 410, response_body: 'status 410' });
    expect((await api('GET', '')).body.enabled).toBe(true);
  });

  it('lists and fetches deliveries with filters, newest first, only for the owner', async () => {
    await h.webhooks.handleEvent(committedEvent(user.userId, 'refund.issued'));
    await h.webhooks.handleEvent(committedEvent(user.userId, 'credit.deducted')); // not subscribed
    await h.webhooks.worker.runDue();
    status = 500;
    const failing = committedEvent(user.userId, 'refund.issued');
    await h.webhooks.handleEvent(failing);
    await h.webhooks.worker.runDue();

    const all = await api('GET', '/deliveries');
    expect(all.status).toBe(200);
    // the failure has its pending retry (newest) after it
    expect(all.body.data.map((d: any) => [d.trigger, d.status])).toEqual([
      ['retry', 'pending'],
      ['event', 'failed'],
      ['event', 'succeeded'],
    ]);
    const failed = await api('GET', '/deliveries?status=failed');
    expect(failed.body.data).toHaveLength(1);
    expect(failed.body.data[0]).toMatchObject({
      event_id: failing.id,
      response_status: 500,
      response_body: 'status 500',
      error: { code: 'http_status' },
    });
    expect(failed.body.data[0].next_attempt_at).toBe(all.body.data[0].next_attempt_at);
    const byEvent = await api('GET', `/deliveries?event_id=${failing.id}`);
    expect(byEvent.body.data).toHaveLength(2);
    const paged = await api('GET', '/deliveries?limit=1');
    expect(paged.body).toMatchObject({ has_more: true });
    const next = await api('GET', `/deliveries?limit=2&starting_after=${paged.body.next_cursor}`);
    expect(next.body.data.map((d: any) => d.id)).toEqual(all.body.data.slice(1).map((d: any) => d.id));

    const one = await api('GET', `/deliveries/${failed.body.data[0].id}`);
    expect(one.body).toEqual(failed.body.data[0]);
    const stranger = await h.proUser();
    const hidden = await h.request('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries/${failed.body.data[0].id}`, {
      token: stranger.token,
    });
    expect(hidden.status).toBe(404);
  });

  it('replays one delivery as a new attempt with the same webhook-id and body, and a success drops the scheduled retry', async () => {
    status = 500;
    const event = committedEvent(user.userId, 'refund.issued');
    await h.webhooks.handleEvent(event);
    await h.webhooks.worker.runDue();
    const [failed] = (await api('GET', '/deliveries?status=failed')).body.data;

    status = 200;
    const replay = await api('POST', `/deliveries/${failed.id}/replay`);
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({
      trigger: 'replay',
      replay_of: failed.id,
      attempt: 3,
      status: 'succeeded',
      event_id: event.id,
      next_attempt_at: null,
    });
    const [first, second] = receiver.received;
    if (!first || !second) throw new Error(`expected 2 webhook requests, received ${receiver.received.length}`);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.body).toBe(first.body);
    new Webhook(endpoint.secret).verify(second.body, second.headers);

    const log = (await api('GET', `/deliveries?event_id=${event.id}`)).body.data;
    expect(log.map((d: any) => d.trigger)).toEqual(['replay', 'event']);
    expect(log[1].next_attempt_at).toBeNull();
    expect((await api('GET', '')).body.failure_since).toBeNull();
  });

  it('shows each attempt with the exact body it sent, the same bytes the receiver got and the signature covers', async () => {
    status = 500;
    const event = committedEvent(user.userId, 'refund.issued');
    await h.webhooks.handleEvent(event);
    await h.webhooks.worker.runDue();
    status = 200;
    const [retry, failed] = (await api('GET', `/deliveries?event_id=${event.id}`)).body.data;
    const replay = await api('POST', `/deliveries/${failed.id}/replay`);
    const test = await api('POST', '/test', { event_type: 'balance.low' });
    const [sent, replayed, tested] = receiver.received;
    if (!sent || !replayed || !tested) throw new Error(`expected 3 webhook requests, received ${receiver.received.length}`);

    expect(failed.request_body).toBe(sent.body);
    expect(replay.body.request_body).toBe(replayed.body);
    expect(test.body.request_body).toBe(tested.body);
    expect(JSON.parse(test.body.request_body)).toMatchObject({ type: 'balance.low', id: test.body.event_id });
    // the inspector's headers and body are enough to check the signature again, as the receiver does
    new Webhook(endpoint.secret).verify(failed.request_body, failed.request_headers);
    // the scheduled retry has not been sent yet, and already shows the body it will send
    expect(retry).toMatchObject({ trigger: 'retry', status: 'pending', request_headers: null, request_body: sent.body });
    expect((await api('GET', `/deliveries/${failed.id}`)).body.request_body).toBe(sent.body);
  });

  it('refuses replays while the endpoint is disabled', async () => {
    await h.webhooks.handleEvent(committedEvent(user.userId, 'refund.issued'));
    await h.webhooks.worker.runDue();
    const [delivery] = (await api('GET', '/deliveries')).body.data;
    await api('PATCH', '', { enabled: false });
    const one = await api('POST', `/deliveries/${delivery.id}/replay`);
    expect(one.status).toBe(409);
    expect(one.body.code).toBe('webhook_endpoint_disabled');
    const many = await api('POST', '/replay-failed', { since: new Date(Date.now() - 3_600_000).toISOString() });
    expect(many.status).toBe(409);
    expect(many.body.code).toBe('webhook_endpoint_disabled');
  });

  it('replays every failed event since a time once, including those missed while disabled', async () => {
    status = 410; // disables at once: nothing is retried automatically
    const failedEvent = committedEvent(user.userId, 'refund.issued');
    await h.webhooks.handleEvent(failedEvent);
    await h.webhooks.worker.runDue();
    const missed = [committedEvent(user.userId, 'refund.issued'), committedEvent(user.userId, 'refund.issued')];
    for (const event of missed) await h.webhooks.handleEvent(event);
    expect((await api('GET', '')).body.disabled_reason).toBe('gone_410');

    status = 204;
    await api('PATCH', '', { enabled: true });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const res = await api('POST', '/replay-failed', { since });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queued: 3 });
    // asked again before they ran: the events are pending, so nothing more is queued
    expect((await api('POST', '/replay-failed', { since })).body).toEqual({ queued: 0 });

    const deadline = Date.now() + 5000;
    while (receiver.received.length < 4 && Date.now() < deadline) await h.webhooks.worker.runDue();
    const replayed = receiver.received.slice(1).map((r) => r.headers['webhook-id']);
    expect(replayed.sort()).toEqual([failedEvent.id, ...missed.map((e) => e.id)].sort());
    expect((await api('POST', '/replay-failed', { since })).body).toEqual({ queued: 0 });

    const old = await api('POST', '/replay-failed', { since: new Date(Date.now() - 31 * 86_400_000).toISOString() });
    expect(old.status).toBe(422);
    expect(old.body.code).toBe('validation_failed');
  });
});
