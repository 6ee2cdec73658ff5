import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/domain/ports/provider-error.ts';
import { ManualClock, SimulatorProvider } from '../../../src/providers/simulator/index.ts';
import { constantRandom, randomSequence } from '../support/random-sequence.ts';
import { START, simulatorHarness } from '../support/simulator-harness.ts';

const request = { service: 'whatsapp', country: 'GB', reference: 'ver_1' };

describe('SimulatorProvider SMS', () => {
  it('sends the automatic SMS after smsDelayMs, through the sink and fetchSms alike', async () => {
    // purchase draws: failure, slot, no-SMS; the SMS draws its code
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 5000, random: randomSequence(0.9, 0, 0.9, 0.4829135) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(4999);
    expect(await simulator.fetchSms(providerRef)).toEqual([]);
    expect(delivered).toEqual([]);

    await clock.advance(1);
    const expected = {
      providerMessageId: `${providerRef}_m1`,
      from: 'WhatsApp',
      text: "Your WhatsApp code: 482-913. Don't share this code with others.",
      parsedCode: '482913',
      receivedAt: new Date(START + 5000),
    };
    expect(await simulator.fetchSms(providerRef)).toEqual([expected]);
    expect(delivered).toEqual([{ providerId: 'simulator', providerRef, sms: expected }]);
    expect(simulator.inspect(providerRef)).toMatchObject({ state: 'sms_received', smsScheduled: false });

    await clock.advance(60 * 60_000);
    expect(delivered).toHaveLength(1); // exactly one automatic SMS
  });

  it('sends at once (next tick) with smsDelayMs 0', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 0, random: constantRandom(0.5) });
    await simulator.purchase({ service: 'google', country: 'IN', reference: 'v' });
    expect(delivered).toHaveLength(0);
    await clock.advance(0);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.sms.text).toBe('500000 is your Google verification code.');
  });

  it('sends nothing when the no-SMS roll says so, and releases the number at the end of the rental', async () => {
    const { simulator, clock, delivered } = simulatorHarness({
      noSmsRate: 0.3,
      rentalTtlMs: 600_000,
      random: randomSequence(0.9, 0, 0.29),
    });
    const { providerRef } = await simulator.purchase(request);
    expect(simulator.inspect(providerRef).smsScheduled).toBe(false);
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(599_999);
    expect(simulator.inspect(providerRef).state).toBe('active');
    await clock.advance(1);
    expect(simulator.inspect(providerRef).state).toBe('released');
    expect(delivered).toEqual([]);
    expect(await simulator.balance()).toBe(100_000_000); // a number that got no SMS costs nothing
  });

  it('does not send an automatic SMS after the rental ran out', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 10_000, rentalTtlMs: 5_000, random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(10_000);
    expect(delivered).toEqual([]);
    expect(simulator.inspect(providerRef).state).toBe('released');
  });

  it('injectSms delivers through the sink and fetchSms, without a parsed code, from Simulator unless told, and replaces the automatic SMS', async () => {
    const { simulator, clock, delivered } = simulatorHarness({ smsDelayMs: 5000, random: constantRandom(0.9) });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(1000);
    const sms = await simulator.injectSms(providerRef, { text: 'Code 123-456', from: '+15550100' });
    expect(sms).toEqual({
      providerMessageId: `${providerRef}_m1`,
      from: '+15550100',
      text: 'Code 123-456',
      parsedCode: null,
      receivedAt: new Date(START + 1000),
    });
    expect(delivered.map((d) => d.sms)).toEqual([sms]);
    await simulator.injectSms(providerRef, { text: 'second' });
    await clock.advance(60_000);
    const all = await simulator.fetchSms(providerRef);
    expect(all.map((m) => [m.providerMessageId, m.from, m.text])).toEqual([
      [`${providerRef}_m1`, '+15550100', 'Code 123-456'],
      [`${providerRef}_m2`, 'Simulator', 'second'],
    ]);
    expect(delivered).toHaveLength(2);
  });

  it('injectSms refuses an unknown rental, a cancelled one and an empty text', async () => {
    const { simulator } = simulatorHarness({ random: constantRandom(0.9) });
    await expect(simulator.injectSms('sim_nope', { text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    const { providerRef } = await simulator.purchase(request);
    await expect(simulator.injectSms(providerRef, { text: '' })).rejects.toThrow(RangeError);
    await simulator.cancel(providerRef);
    const error = await simulator.injectSms(providerRef, { text: 'late' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'invalid_state' });
    expect(await simulator.fetchSms(providerRef)).toEqual([]);
  });

  it('fetchSms refuses an unknown rental', async () => {
    const { simulator } = simulatorHarness();
    await expect(simulator.fetchSms('sim_nope')).rejects.toMatchObject({ code: 'not_found', provider: 'simulator' });
  });

  it('keeps the SMS readable when the sink fails, and reports the failure', async () => {
    const clock = new ManualClock(START);
    const failures: string[] = [];
    const simulator = new SimulatorProvider({
      clock,
      smsDelayMs: 1,
      random: constantRandom(0.9),
      smsSink: async () => {
        throw new Error('database down');
      },
      onSinkError: (error, ref) => failures.push(`${ref}: ${(error as Error).message}`),
    });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(1);
    expect(failures).toEqual([`${providerRef}: database down`]);
    expect(await simulator.fetchSms(providerRef)).toHaveLength(1);
  });

  it('uses a sink set after construction', async () => {
    const clock = new ManualClock(START);
    const simulator = new SimulatorProvider({ clock, smsDelayMs: 1, random: constantRandom(0.9) });
    const refs: string[] = [];
    simulator.setSmsSink(async (_id, ref) => {
      refs.push(ref);
    });
    const { providerRef } = await simulator.purchase(request);
    await clock.advance(1);
    expect(refs).toEqual([providerRef]);
  });
});
