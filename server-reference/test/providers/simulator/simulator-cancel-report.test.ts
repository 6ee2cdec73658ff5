import { describe, expect, it } from 'vitest';
import { constantRandom } from '../support/random-sequence.ts';
import { simulatorHarness } from '../support/simulator-harness.ts';

const request = { service: 'facebook', country: 'US', areaCode: '212', reference: 'ver_1' };

describe('SimulatorProvider.cancel', () => {
  it('cancels an active rental: refunds, restocks, and stops the automatic SMS', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 5000, random: constantRandom(0.9) });
    const before = (await simulator.catalog()).find((e) => e.service === 'facebook' && e.country === 'US')!.available;
    const { providerRef, costCents } = await simulator.purchase(request);
    expect(await simulator.balance()).toBe(100_000_000 - costCents);
    await simulator.cancel(providerRef);
    expect(simulator.inspect(providerRef)).toMatchObject({ state: 'cancelled', smsScheduled: false });
    expect(await simulator.balance()).toBe(100_000_000);
    expect((await simulator.catalog()).find((e) => e.service === 'facebook' && e.country === 'US')!.available).toBe(before);
    await clock.advance(10_000);
    expect(delivered).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('treats a repeated cancel as done', async () => {
    const { simulator } = simulatorHarness({ random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await simulator.cancel(providerRef);
    await simulator.cancel(providerRef);
    expect(await simulator.balance()).toBe(100_000_000); // refunded once, not twice
  });

  it('refuses to cancel once an SMS arrived', async () => {
    const { simulator, clock } = simulatorHarness({ smsDelayMs: 10, random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(10);
    await expect(simulator.cancel(providerRef)).rejects.toMatchObject({ code: 'invalid_state' });
    expect(simulator.inspect(providerRef).state).toBe('sms_received');
  });

  it('refuses to cancel a released rental', async () => {
    const { simulator, clock } = simulatorHarness({ noSmsRate: 1, rentalTtlMs: 1000, random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(1000);
    await expect(simulator.cancel(providerRef)).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('refuses a cancel sooner than minCancelAfterMs with cancel_too_early, then allows it', async () => {
    const { simulator, clock } = simulatorHarness({ minCancelAfterMs: 120_000, noSmsRate: 1, random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(30_000);
    await expect(simulator.cancel(providerRef)).rejects.toMatchObject({
      code: 'cancel_too_early',
      retryable: true,
      options: { provider: 'simulator', retryAfterMs: 90_000 },
    });
    expect(simulator.inspect(providerRef).state).toBe('active');
    await clock.advance(90_000);
    await simulator.cancel(providerRef);
    expect(simulator.inspect(providerRef).state).toBe('cancelled');
  });

  it('refuses an unknown rental with not_found', async () => {
    const { simulator } = simulatorHarness();
    await expect(simulator.cancel('sim_nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(simulator.report('sim_nope', 'x')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('SimulatorProvider.report', () => {
  it('reports a used number without a refund', async () => {
    const { simulator, clock } = simulatorHarness({ smsDelayMs: 10, random: constantRandom(0.9) });
    const { providerRef, costCents } = await simulator.purchase(request);
    await clock.advance(10);
    await simulator.report(providerRef, 'code did not work');
    expect(simulator.inspect(providerRef)).toMatchObject({ state: 'reported', reportReason: 'code did not work' });
    expect(await simulator.balance()).toBe(100_000_000 - costCents);
    await expect(simulator.injectSms(providerRef, { text: 'late' })).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('refunds a reported number that never got an SMS, once', async () => {
    const { simulator } = simulatorHarness({ random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await simulator.report(providerRef, 'number already used');
    await simulator.report(providerRef, 'again');
    expect(await simulator.balance()).toBe(100_000_000);
    await expect(simulator.cancel(providerRef)).rejects.toMatchObject({ code: 'invalid_state' });
  });
});

describe('SimulatorProvider.close', () => {
  it('clears every timer and refuses new purchases', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 1000, random: constantRandom(0.9) });
    await simulator.purchase(request);
    await simulator.purchase({ ...request, reference: 'ver_2' });
    expect(clock.pendingTimers).toBe(2);
    simulator.close();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(5000);
    expect(delivered).toEqual([]);
    await expect(simulator.purchase(request)).rejects.toMatchObject({ code: 'unavailable' });
    simulator.dispose(); // idempotent
  });
});
