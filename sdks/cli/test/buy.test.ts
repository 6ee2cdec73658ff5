import { describe, expect, it } from 'vitest';
import { cliServer } from './cli-server.js';
import { collect, runCliAtTerminal, startCli, waitForOutput } from './run-cli.js';

/** `namaskah buy --wait`: the code injected while it waits is printed; Ctrl-C cancels and refunds. */
const ctx = cliServer();

async function firstOffer() {
  const prices = await ctx.client.prices.list({ available: true, limit: 100 }).toArray({ limit: 100 });
  const offer = prices.find((p) => p.available);
  if (!offer) throw new Error('the simulator offers nothing');
  return offer;
}

async function startBuy() {
  const offer = await firstOffer();
  const child = startCli(['buy', '--service', offer.service, '--country', offer.country, '--wait', '--api-key', ctx.apiKey], ctx.env);
  const done = collect(child);
  const line = await waitForOutput(child.stderr!, /ver_\w+/);
  return { child, done, id: /ver_\w+/.exec(line)![0] };
}

describe('namaskah buy --wait', () => {
  it('prints the code of an SMS that arrives while it waits', async () => {
    const { done, id } = await startBuy();
    // Give the wait time to subscribe, so the code comes live rather than on the first read.
    await new Promise((r) => setTimeout(r, 500));
    await ctx.client.verifications.sandboxSms.create(id, { text: 'Your code is 731-904' });
    const result = await done;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id, status: 'completed', code: '731904' });
  });

  it('cancels and refunds on Ctrl-C, printing the refund', async () => {
    const { child, done, id } = await startBuy();
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`cancelled ${id}: refunded \\d+\\.\\d{2} [A-Z]{3}`));
    expect(JSON.parse(result.stdout)).toMatchObject({ id, status: 'cancelled', refunded: true });
    expect(await ctx.client.verifications.retrieve(id)).toMatchObject({ status: 'cancelled', refunded: true });
  });
});

describe('namaskah buy at a terminal (the confirmation every money-moving command asks)', () => {
  const verificationIds = async () => (await ctx.client.verifications.list({ limit: 100 }).toArray({ limit: 100 })).map((v) => v.id);

  it('buys nothing on "n" and exits 2', async () => {
    const offer = await firstOffer();
    const before = await verificationIds();
    const result = await runCliAtTerminal(
      ['buy', '--service', offer.service, '--country', offer.country, '--api-key', ctx.apiKey],
      ctx.env,
      'n',
    );
    expect(result.stdout).toContain('verifications create moves money. Continue? [y/N]');
    expect(result.stdout).toMatch(/not confirmed/);
    expect(result.code).toBe(2);
    expect(await verificationIds()).toEqual(before);
  });

  it('buys on "y"', async () => {
    const offer = await firstOffer();
    const result = await runCliAtTerminal(
      ['buy', '--service', offer.service, '--country', offer.country, '--api-key', ctx.apiKey],
      ctx.env,
      'y',
    );
    expect(result.code).toBe(0);
    const id = /ver_\w+/.exec(result.stdout)?.[0];
    expect(id).toBeDefined();
    expect(await ctx.client.verifications.retrieve(id!)).toMatchObject({ status: 'pending' });
  });
});
