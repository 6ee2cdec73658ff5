import { http, HttpResponse } from 'msw';
import { TextVerifiedProvider, type TextVerifiedOptions } from '../../../src/providers/textverified/index.ts';
import { fixtureJson } from './mock-provider-server.ts';

export const TV = 'https://www.textverified.com';
const START = Date.parse('2026-01-01T00:00:00Z');
export const REF = 'lr_01JH8Q4ZK3M5N7P9Q1R3S5T7V9';

/** A recorded TextVerified body. */
export const tv = <T = unknown>(name: string) => fixtureJson<T>('textverified', name);

/** The headers TextVerified gets on a secured call with `token`. */
export const bearer = (token = 'eyJhbGciOiJIUzI1NiJ9.first-token') => ({
  accept: 'application/json',
  authorization: `Bearer ${token}`,
});

/** The request that obtains a token. */
export const authRequest = {
  method: 'POST',
  path: '/api/pub/v2/auth',
  origin: TV,
  headers: { accept: 'application/json', 'x-api-key': 'key-123', 'x-api-username': 'ops@example.com' },
  body: '',
};

/** POST /api/pub/v2/auth answering the recorded token (once when `once`). */
export const authHandler = (file = 'auth-token.json', once = false) =>
  http.post(`${TV}/api/pub/v2/auth`, () => HttpResponse.json(tv(file)), { once });

/** A TextVerified adapter on a clock the test controls. */
export function textVerified(options: Partial<TextVerifiedOptions> = {}) {
  const clock = { now: START };
  const provider = new TextVerifiedProvider({
    apiUsername: 'ops@example.com',
    apiKey: 'key-123',
    now: () => clock.now,
    ...options,
  });
  return { provider, clock };
}
