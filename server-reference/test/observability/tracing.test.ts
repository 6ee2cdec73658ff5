import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { text as readBody } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { startReceiver, type WebhookReceiver } from '../webhooks/support/webhook-receiver.ts';
import { startTestPlatform, type TestPlatform } from '../platform/support/test-platform.ts';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  links?: Array<{ traceId: string; spanId: string }>;
}

/** A collector speaking OTLP/HTTP with JSON bodies, as @opentelemetry/exporter-trace-otlp-http sends them. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; resources: unknown[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const resources: unknown[] = [];
  const server: Server = createServer(async (request, response) => {
    expect(request.url).toBe('/v1/traces');
    expect(request.headers['content-type']).toMatch(/application\/json/);
    const body = JSON.parse(await readBody(request));
    for (const resourceSpans of body.resourceSpans ?? []) {
      resources.push(resourceSpans.resource);
      for (const scope of resourceSpans.scopeSpans ?? []) spans.push(...scope.spans);
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, resources, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const attribute = (span: ExportedSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value ? Object.values(value)[0] : undefined;
};

describe.each(DRIVERS)('OpenTelemetry traces over OTLP (%s)', (driver) => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    collector = await startCollector();
    receiver = await startReceiver();
    platform = await startTestPlatform(
      driver,
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'namaskah-under-test' },
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await collector?.close();
  });

  it("follows a purchase from the caller's traceparent through the domain, the provider, the outbox and the webhook attempt", async () => {
    const user = await platform.register();
    await platform.fund(user.userId, 10_000);
    await platform.database.db.updateTable('users').set({ tier_id: 'tier_pro' }).where('id', '=', user.userId).execute();
    const endpoint = await platform.call('POST', '/v1/webhook-endpoints', {
      token: user.token,
      body: { url: `${receiver.url}/hooks`, event_types: ['verification.created'] },
    });
    expect(endpoint.status).toBe(201);
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const bought = await fetch(`${platform.url}/v1/verifications`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${user.token}`,
        'Content-Type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ service: 'google', country: 'US' }),
    });
    expect(bought.status).toBe(201);
    const verification = await bought.json();
    await receiver.waitFor(1, 15_000);
    // stopping the node exports what its batch processor holds
    await platform.close();

    const inTrace = collector.spans.filter((span) => span.traceId === traceId);
    const named = (name: string) => {
      const span = inTrace.find((s) => s.name === name);
      expect(span, `${name} in ${inTrace.map((s) => s.name).join(', ')}`).toBeDefined();
      return span!;
    };
    const server = named('POST /v1/verifications');
    expect(server.parentSpanId).toBe(callerSpanId);
    expect(server.kind).toBe(2); // SERVER
    expect(attribute(server, 'http.response.status_code')).toBe(201);
    expect(attribute(server, 'namaskah.operation_id')).toBe('createVerification');
    const purchase = named('verifications.purchase');
    expect(purchase.parentSpanId).toBe(server.spanId);
    expect(attribute(purchase, 'namaskah.verification_id')).toBe(verification.id);
    const providerCall = named('provider.purchase');
    expect(providerCall.parentSpanId).toBe(purchase.spanId);
    expect(attribute(providerCall, 'namaskah.provider')).toBe('simulator');
    // the event appended by the purchase carries its context through the outbox to each consumer
    const handOver = named('outbox.deliver webhooks');
    expect([purchase.spanId, server.spanId]).toContain(handOver.parentSpanId);
    const attempt = named('webhook.attempt');
    expect(attempt.kind).toBe(3); // CLIENT
    expect(attribute(attempt, 'http.response.status_code')).toBe(204); // the receiver's answer
    expect(attribute(attempt, 'namaskah.endpoint_id')).toBe(endpoint.body.id);
    expect(JSON.stringify(collector.resources)).toContain('namaskah-under-test');
  });
});
