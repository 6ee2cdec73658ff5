import { describe, expect, it } from 'vitest';
import { isProviderError, type ProviderError } from '../../../src/domain/ports/provider-error.ts';
import { defaultSimulatorCatalog, SimulatorProvider } from '../../../src/providers/simulator/index.ts';
import { constantRandom, randomSequence } from '../support/random-sequence.ts';
import { START, simulatorHarness } from '../support/simulator-harness.ts';

const whatsappUs = { service: 'whatsapp', country: 'US', reference: 'ver_1' };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isProviderError(error)).toBe(true);
  return error as ProviderError;
}

describe('SimulatorProvider.purchase', () => {
  it('runs as a second, independent instance under another id, told to fail its purchases and to stop', async () => {
    const backup = new SimulatorProvider({ id: 'backup', random: constantRandom(0.9), purchaseFailure: 'no_numbers' });
    expect(backup.id).toBe('backup');
    const refused = await failure(backup.purchase(whatsappUs));
    expect(refused).toMatchObject({ code: 'no_numbers', provider: 'backup' });
    // the catalog still reports stock: the failure is only seen when buying
    expect((await backup.catalog()).find((e) => e.service === 'whatsapp' && e.country === 'US')?.available).toBe(250);
    backup.failPurchases('unavailable');
    expect(await failure(backup.purchase(whatsappUs))).toMatchObject({ code: 'unavailable', retryable: true });
    backup.failPurchases(null);
    expect((await backup.purchase(whatsappUs)).providerRef).toMatch(/^sim_/);
    expect(() => new SimulatorProvider({ id: 'Not A Slug' })).toThrow(RangeError);
    backup.close();
  });

  it('rents a fictional number in the requested area code at the catalog cost', async () => {
    // draws: failure roll, number slot, no-SMS roll
    const { simulator } = simulatorHarness({ random: randomSequence(0.9, 0.05, 0.9) });
    const bought = await simulator.purchase({ ...whatsappUs, areaCode: '415' });
    expect(bought).toEqual({
      providerRef: expect.stringMatching(/^sim_/),
      phoneNumber: '+14155550105',
      costCents: 45,
      expiresAt: new Date(START + 20 * 60_000),
    });
    expect(simulator.inspect(bought.providerRef)).toMatchObject({ state: 'active', smsScheduled: true, smsCount: 0 });
  });

  it('picks an area code from the catalog when none is asked for (US)', async () => {
    // draws: failure roll, area code pick (index 4 of 10 = 415), number slot, no-SMS roll
    const { simulator } = simulatorHarness({ random: randomSequence(0.9, 0.45, 0, 0.9) });
    const bought = await simulator.purchase(whatsappUs);
    expect(bought.phoneNumber).toBe('+14155550100');
  });

  it('rents an Ofcom drama mobile number for GB', async () => {
    const { simulator } = simulatorHarness({ random: randomSequence(0.9, 0.123, 0.9) });
    const bought = await simulator.purchase({ service: 'telegram', country: 'GB', reference: 'ver_2' });
    expect(bought.phoneNumber).toBe('+447700900123');
    expect(bought.costCents).toBe(44);
  });

  it('never hands out a number that is still rented', async () => {
    const { simulator } = simulatorHarness({
      random: constantRandom(0.5),
      catalog: [{ service: 'uber', country: 'CA', costCents: 10, available: null, areaCodes: ['604'] }],
    });
    const numbers = new Set<string>();
    for (let i = 0; i < 100; i++)
      numbers.add((await simulator.purchase({ service: 'uber', country: 'CA', reference: `v${i}` })).phoneNumber);
    expect(numbers.size).toBe(100);
    const error = await failure(simulator.purchase({ service: 'uber', country: 'CA', reference: 'v100' }));
    expect(error.code).toBe('no_numbers');
  });

  it('refuses a service or country it does not offer with no_numbers', async () => {
    const { simulator } = simulatorHarness({ random: constantRandom(0.9) });
    expect((await failure(simulator.purchase({ ...whatsappUs, service: 'myspace' }))).code).toBe('no_numbers');
    expect((await failure(simulator.purchase({ ...whatsappUs, country: 'JP' }))).code).toBe('no_numbers');
  });

  it('refuses an area code it does not have with area_code_unavailable', async () => {
    const { simulator } = simulatorHarness({ random: constantRandom(0.9) });
    const error = await failure(simulator.purchase({ ...whatsappUs, areaCode: '999' }));
    expect(error).toMatchObject({ code: 'area_code_unavailable', provider: 'simulator' });
    expect((await failure(simulator.purchase({ service: 'whatsapp', country: 'DE', areaCode: '30', reference: 'x' }))).code).toBe(
      'area_code_unavailable',
    );
  });

  it('fails purchases at the failure rate, as no_numbers or unavailable', async () => {
    const { simulator } = simulatorHarness({ failureRate: 0.25, random: randomSequence(0.1, 0.2, 0.24, 0.7) });
    const first = await failure(simulator.purchase(whatsappUs));
    expect(first).toMatchObject({ code: 'no_numbers', retryable: false });
    const second = await failure(simulator.purchase(whatsappUs));
    expect(second).toMatchObject({ code: 'unavailable', retryable: true });
    expect(await simulator.balance()).toBe(100_000_000);
  });

  it('keeps stock: out of stock is no_numbers, and a cancel puts the number back', async () => {
    const catalog = [{ service: 'discord', country: 'NL', costCents: 17, available: 1 }];
    const { simulator } = simulatorHarness({ catalog, random: constantRandom(0.9) });
    const bought = await simulator.purchase({ service: 'discord', country: 'NL', reference: 'a' });
    expect((await simulator.catalog())[0]!.available).toBe(0);
    expect((await failure(simulator.purchase({ service: 'discord', country: 'NL', reference: 'b' }))).code).toBe('no_numbers');
    await simulator.cancel(bought.providerRef);
    expect((await simulator.catalog())[0]!.available).toBe(1);
    expect(catalog[0]!.available).toBe(1); // the caller's catalog is never mutated
  });

  it('pays for numbers from its balance and refuses when it cannot', async () => {
    const { simulator } = simulatorHarness({ balanceCents: 50, random: constantRandom(0.9) });
    await simulator.purchase(whatsappUs);
    expect(await simulator.balance()).toBe(5);
    const error = await failure(simulator.purchase(whatsappUs));
    expect(error.code).toBe('insufficient_provider_balance');
  });

  it('refuses nonsense options', () => {
    expect(() => new SimulatorProvider({ noSmsRate: 1.5 })).toThrow(RangeError);
    expect(() => new SimulatorProvider({ failureRate: -0.1 })).toThrow(RangeError);
    expect(() => new SimulatorProvider({ smsDelayMs: -1 })).toThrow(RangeError);
    expect(() => new SimulatorProvider({ catalog: [{ service: 'x', country: 'IT', costCents: 1, available: null }] })).toThrow(/IT/);
    expect(() => new SimulatorProvider({ catalog: [{ service: 'x', country: 'US', costCents: 1.5, available: null }] })).toThrow(/cents/);
  });

  it('ships a default catalog of 10 services in 8 countries with area codes for US, CA and GB', () => {
    const catalog = defaultSimulatorCatalog();
    expect(new Set(catalog.map((e) => e.service)).size).toBe(10);
    expect(new Set(catalog.map((e) => e.country))).toEqual(new Set(['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'IN', 'BR']));
    for (const entry of catalog) {
      expect(Number.isSafeInteger(entry.costCents) && entry.costCents > 0).toBe(true);
      expect(Boolean(entry.areaCodes?.length)).toBe(['US', 'CA', 'GB'].includes(entry.country));
    }
  });
});
