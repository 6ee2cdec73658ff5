// The acceptance scenario of a strict TypeScript consumer of the packed @namaskah/sdk, against the
// reference server: buy with an API key, waitForCode while the SMS lands during subscription, real time
// with a bad key surfacing a typed error, pagination, typed errors. Compiled with `tsc --strict` against
// the installed tarball's types, then run with node. Arguments: base URL, an access token of the demo user.
import { AuthenticationError, Namaskah, NotFoundError, type Price, type Verification } from '@namaskah/sdk';
import { Webhooks } from '@namaskah/sdk/webhooks';

declare const process: { argv: string[] };
const [baseUrl, accessToken] = process.argv.slice(2) as [string, string];

async function main(): Promise<Record<string, unknown>> {
  // An API key of the demo user, created with its session: the scenario itself runs on the key.
  const session = new Namaskah({ baseUrl, apiKey: accessToken });
  const key = await session.apiKeys.create({
    name: 'acceptance',
    environment: 'test',
    scopes: ['verifications:read', 'verifications:write', 'wallet:read', 'events:read', 'catalog:read'],
  });
  const client = new Namaskah({ baseUrl, apiKey: key.secret });

  // Pagination: every price across pages of 2.
  const prices: Price[] = [];
  for await (const price of client.prices.list({ available: true, limit: 2 })) prices.push(price);
  const offer = prices.find((price) => price.available);
  if (!offer) throw new Error('no offer');

  // Buy, then wait for the code while the SMS lands during the subscription.
  const bought: Verification = await client.verifications.create({ service: offer.service, country: offer.country });
  const waiting: Promise<Verification> = client.verifications.waitForCode(bought.id, { timeout: 30_000 });
  // The SMS lands through the sandbox with the session: the server asks an API key for an `events:write`
  // scope the spec does not define.
  await session.verifications.sandboxSms.create(bought.id, { text: 'Your code is 445566' });
  const done = await waiting;
  // The same race on the real-time channel (the API key has no scope for real-time tickets on this server,
  // so the wait above polled): a session, whose ticket works, subscribes while the SMS lands.
  const second = await client.verifications.create({ service: offer.service, country: offer.country });
  const live1 = session.verifications.waitForCode(second.id, { timeout: 30_000 });
  await session.verifications.sandboxSms.create(second.id, { text: 'Your code is 112233' });
  const doneLive = await live1;

  // Typed errors.
  const missing: unknown = await client.verifications.retrieve('ver_0000000000000000000000000').catch((error: unknown) => error);

  // Real time with a bad key: a typed error, not a silent reconnect loop.
  const bad = new Namaskah({ baseUrl, apiKey: 'nmk_test_this_key_does_not_exist' });
  const live = bad.realtime.connect();
  const refused: unknown = await live.ready.catch((error: unknown) => error);

  const { requestId } = await client.wallet.retrieve().withResponse();
  return {
    pages: prices.length > 2,
    code: done.code,
    liveCode: doneLive.code,
    status: done.status,
    notFound: missing instanceof NotFoundError && typeof missing.requestId === 'string',
    realtimeRefused: refused instanceof AuthenticationError && live.closed,
    requestId: typeof requestId === 'string',
    webhooksEntry: typeof new Webhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).sign === 'function',
  };
}

main().then((result) => console.log(JSON.stringify(result)));
