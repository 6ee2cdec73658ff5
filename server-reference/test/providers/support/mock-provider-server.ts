import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Headers Node's fetch adds on its own to every request; left out of recordings so tests assert exactly
 * the headers the adapter chose.
 */
const TRANSPORT_HEADERS = new Set([
  'accept-encoding',
  'accept-language',
  'connection',
  'content-length',
  'host',
  'sec-fetch-mode',
  'user-agent',
]);

function ownHeaders(headers: Headers): Record<string, string> {
  const own: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) own[name] = value;
  });
  return own;
}

/** One request an adapter sent, as the mock server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/pub/v2/sms?reservationId=x`. */
  path: string;
  origin: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * An msw server for one test file: started before the tests, handlers reset after each, and every
 * request recorded so tests can assert exactly what an adapter sent. Unhandled requests fail the test.
 */
export function mockProviderServer() {
  const server = setupServer();
  let pending: Array<Promise<RecordedRequest>> = [];
  server.events.on('request:start', ({ request }) => {
    const copy = request.clone();
    const url = new URL(copy.url);
    pending.push(
      copy.text().then((body) => ({
        method: copy.method,
        path: url.pathname + url.search,
        origin: url.origin,
        headers: ownHeaders(copy.headers),
        body,
      })),
    );
  });
  // An adapter maps a failed fetch to `unavailable`, so an unhandled request could pass for a simulated
  // outage: record them and fail the test that made one.
  let unhandled: string[] = [];
  server.events.on('request:unhandled', ({ request }) => {
    unhandled.push(`${request.method} ${request.url}`);
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    pending = [];
    const missed = unhandled;
    unhandled = [];
    if (missed.length > 0) throw new Error(`requests without a mock handler: ${missed.join(', ')}`);
  });
  afterAll(() => server.close());
  return {
    server,
    /** Every request sent since the test started, in order. */
    requests: () => Promise.all(pending),
  };
}

/** A recorded response body from test/providers/fixtures/<provider>/<name>. */
export function fixtureText(provider: string, name: string): string {
  return readFileSync(new URL(`../fixtures/${provider}/${name}`, import.meta.url), 'utf8');
}

/** A recorded JSON response body, parsed. */
export function fixtureJson<T = unknown>(provider: string, name: string): T {
  return JSON.parse(fixtureText(provider, name)) as T;
}
