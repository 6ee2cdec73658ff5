import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, Namaskah, NotFoundError } from '../../src/index.js';
import { startPrism } from './prism-server.js';

let prism: Awaited<ReturnType<typeof startPrism>>;
let client: Namaskah;
beforeAll(async () => {
  prism = await startPrism();
  client = new Namaskah({ baseUrl: prism.baseUrl, apiKey: 'nmk_test_prism', maxRetries: 0 });
});
afterAll(() => prism?.stop());

describe('against the Prism mock started from spec/', () => {
  it('creates a verification (request accepted by the spec, example response parsed)', async () => {
    const verification = await client.verifications.create({ service: 'whatsapp', country: 'US' });
    expect(verification.id).toMatch(/^ver_/);
    expect(verification.status).toBe('pending');
    expect(verification.price.currency).toMatch(/^[A-Z]{3}$/);
  });

  it('lists verifications as a page and iterates it', async () => {
    const page = await client.verifications.list({ limit: 5 });
    expect(Array.isArray(page.data)).toBe(true);
    const items = await client.verifications.list({ limit: 5 }).toArray({ limit: 10 });
    expect(items.length).toBe(page.data.length);
  });

  it('gets the wallet', async () => {
    const wallet = await client.wallet.retrieve();
    expect(typeof wallet).toBe('object');
  });

  it('maps documented error responses to their classes', async () => {
    const notFound = await client.verifications
      .retrieve('ver_01JD4Z9B5M2N8Q4R6S8T0V2W4X', { headers: { Prefer: 'code=404' } })
      .catch((e) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ status: 404, code: 'not_found', requestId: expect.stringMatching(/^req_/) });
    const unauthenticated = await client.wallet.retrieve({ headers: { Prefer: 'code=401' } }).catch((e) => e);
    expect(unauthenticated).toBeInstanceOf(AuthenticationError);
  });
});
