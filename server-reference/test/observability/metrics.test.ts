import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { committedEvent } from '../webhooks/support/webhook-harness.ts';
import { startReceiver } from '../webhooks/support/webhook-receiver.ts';

/** One sample of `text` (Prometheus exposition format) by metric name and labels, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(DRIVERS)('Prometheus metrics at /metrics (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { config: { metricsToken: 'scrape-secret-123' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const scrape = async (token = 'scrape-secret-123') => {
    const response = await server.app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('counts requests by operation and status, with their latency', async () => {
    const user = await server.register();
    const before = sample((await scrape()).text, 'namaskah_http_requests_total', { operation: 'getWallet', status: '200' }) ?? 0;
    for (let i = 0; i < 3; i++) expect((await server.request('GET', '/v1/wallet', { token: user.token })).status).toBe(200);
    expect((await server.request('GET', '/v1/wallet')).status).toBe(401);
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'namaskah_http_requests_total', { operation: 'getWallet', status: '200' })).toBe(before + 3);
    expect(sample(text, 'namaskah_http_requests_total', { operation: 'getWallet', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'namaskah_http_request_duration_seconds_count', { operation: 'getWallet', method: 'GET' })).toBeGreaterThanOrEqual(
      before + 4,
    );
    // paths outside the contract share one label: a scanner cannot grow the series
    await server.app.request('/wp-admin/x1');
    await server.app.request('/wp-admin/x2');
    expect(sample((await scrape()).text, 'namaskah_http_requests_total', { operation: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('reports the outbox backlog and lag per consumer, and the webhook queue', async () => {
    // consumers as a dispatcher registers them; this test server runs none, so their rows stay unclaimed
    await server.database.db
      .insertInto('event_consumers')
      .values([{ name: 'metrics-test-a' }, { name: 'metrics-test-b' }])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const user = await server.register();
    await server.fund(user.userId, 1_000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
    expect(bought.status).toBe(201);
    const text = (await scrape()).text;
    for (const consumer of ['metrics-test-a', 'metrics-test-b']) {
      expect(sample(text, 'namaskah_outbox_pending_events', { consumer }), consumer).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'namaskah_outbox_lag_seconds', { consumer }), consumer).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'namaskah_webhook_queue_attempts', { state: 'due' })).toBe(0);
    expect(sample(text, 'namaskah_realtime_connections')).toBe(0);
    expect(sample(text, 'namaskah_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('times calls to the providers and counts their failures by error code', async () => {
    const labels = { provider: 'simulator', operation: 'purchase' };
    const before = (await scrape()).text;
    const okBefore = sample(before, 'namaskah_provider_call_duration_seconds_count', { ...labels, outcome: 'ok' }) ?? 0;
    const failedBefore = sample(before, 'namaskah_provider_errors_total', { ...labels, code: 'no_numbers' }) ?? 0;
    const user = await server.register();
    await server.fund(user.userId, 1_000);
    expect(
      (await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } })).status,
    ).toBe(201);
    // a call the provider refuses: the error reaches the caller unchanged, and is counted under its code
    const simulator = server.services.providers.get('simulator')!;
    const refused = await simulator.purchase({ service: 'no-such-service', country: 'US', reference: 'metrics-test' }).catch((e) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused.code).toBe('no_numbers');
    const text = (await scrape()).text;
    expect(sample(text, 'namaskah_provider_call_duration_seconds_count', { ...labels, outcome: 'ok' })).toBe(okBefore + 1);
    expect(sample(text, 'namaskah_provider_errors_total', { ...labels, code: 'no_numbers' })).toBe(failedBefore + 1);
    expect(sample(text, 'namaskah_provider_call_duration_seconds_count', { ...labels, outcome: 'error' })).toBeGreaterThanOrEqual(1);
    // the provider keeps its own class behind the timing
    expect(server.services.providers.simulator).toBe(simulator);
  });

  it('counts webhook attempts by result and times an event from its fan-out to the answer', async () => {
    const receiver = await startReceiver();
    try {
      let answered = 0;
      receiver.respond((_request, res) => {
        answered++;
        res.writeHead(answered === 1 ? 200 : 503);
        res.end();
      });
      const { webhooks } = server.services.platform;
      const user = await server.register();
      await server.setTier(user.userId, 'tier_pro');
      await webhooks.endpoints.create(user.userId, { url: `${receiver.url}/hook`, event_types: ['*'] });
      const before = (await scrape()).text;
      const count = (text: string, labels: Record<string, string>) => sample(text, 'namaskah_webhook_attempts_total', labels) ?? 0;
      const latency = (text: string) => sample(text, 'namaskah_webhook_delivery_latency_seconds_count', { result: 'success' }) ?? 0;
      for (let i = 0; i < 2; i++) {
        await webhooks.handleEvent(committedEvent(user.userId));
        await webhooks.worker.runDue();
      }
      expect(answered).toBe(2);
      const text = (await scrape()).text;
      expect(count(text, { trigger: 'event', result: 'success' })).toBe(count(before, { trigger: 'event', result: 'success' }) + 1);
      expect(count(text, { trigger: 'event', result: 'http_status' })).toBe(count(before, { trigger: 'event', result: 'http_status' }) + 1);
      expect(latency(text)).toBe(latency(before) + 1);
      expect(sample(text, 'namaskah_webhook_attempt_duration_seconds_count', { result: 'failure' })).toBeGreaterThanOrEqual(1);
    } finally {
      await receiver.close();
    }
  });

  it('answers 404 without the configured token, so nobody learns it is there', async () => {
    expect((await scrape('wrong-token')).status).toBe(404);
    expect((await server.app.request('/metrics')).status).toBe(404);
  });
});
