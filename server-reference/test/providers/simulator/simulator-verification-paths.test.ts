import { describe, expect, it } from 'vitest';
import { constantRandom } from '../support/random-sequence.ts';
import { simulatorHarness } from '../support/simulator-harness.ts';

/**
 * The simulator must be able to drive every ending of a verification (DESIGN.md §4):
 * completed (a code arrives), cancelled (user cancels before a code), expired (no code by the deadline)
 * and failed (the provider refuses the purchase). Each is reachable from options alone.
 */
describe('simulator drives every verification ending', () => {
  const request = { service: 'whatsapp', country: 'US', reference: 'ver_1' };

  it('completed: a code arrives', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 3000, random: constantRandom(0.7) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(3000);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.sms.parsedCode).toMatch(/^\d{6}$/);
    expect(simulator.inspect(providerRef).state).toBe('sms_received');
  });

  it('cancelled: the number is released before any code', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 3000, random: constantRandom(0.7) });
    const { providerRef } = await simulator.purchase(request);
    await simulator.cancel(providerRef);
    await clock.advance(60_000);
    expect(delivered).toEqual([]);
    expect(simulator.inspect(providerRef).state).toBe('cancelled');
  });

  it('expired: no code ever comes (noSmsRate 1)', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ noSmsRate: 1, random: constantRandom(0.7) });
    const { providerRef, expiresAt } = await simulator.purchase(request);
    await clock.advance(expiresAt!.getTime() - clock.now());
    expect(delivered).toEqual([]);
    expect(await simulator.fetchSms(providerRef)).toEqual([]);
    expect(simulator.inspect(providerRef).state).toBe('released');
  });

  it('failed: the purchase is refused (failureRate 1)', async () => {
    const { simulator } = simulatorHarness({ failureRate: 1, random: constantRandom(0.7) });
    await expect(simulator.purchase(request)).rejects.toMatchObject({ code: 'unavailable', provider: 'simulator' });
  });
});
