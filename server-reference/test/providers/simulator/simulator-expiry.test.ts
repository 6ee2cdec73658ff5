import { describe, expect, it } from 'vitest';
import { isProviderError } from '../../../src/domain/ports/provider-error.ts';
import { constantRandom } from '../support/random-sequence.ts';
import { simulatorHarness } from '../support/simulator-harness.ts';

const uberCa = { service: 'uber', country: 'CA' };
const oneBlock = {
  random: constantRandom(0.5),
  noSmsRate: 1,
  rentalTtlMs: 60_000,
  catalog: [{ service: 'uber', country: 'CA', costCents: 10, available: null, areaCodes: ['604'] }],
};
const DAY = 24 * 3600_000;

/**
 * The simulator's bookkeeping is indexed (issue 13): numbers in use are a set, and rentals end in the order
 * they were bought, so a purchase releases and forgets only the rentals whose time has come.
 */
describe('SimulatorProvider rentals end by time', () => {
  it('a full block frees up when its rentals run out, though nobody touched them', async () => {
    const { simulator, clock } = simulatorHarness(oneBlock);
    const refs: string[] = [];
    for (let i = 0; i < 100; i++) refs.push((await simulator.purchase({ ...uberCa, reference: `v${i}` })).providerRef);
    const full = await simulator.purchase({ ...uberCa, reference: 'full' }).catch((e: unknown) => e);
    expect(isProviderError(full) && full.code).toBe('no_numbers');

    await clock.advance(30_000);
    const later = await simulator.purchase({ ...uberCa, reference: 'still-full' }).catch((e: unknown) => e);
    expect(isProviderError(later) && later.code).toBe('no_numbers');

    await clock.advance(30_000);
    const again = new Set<string>();
    for (let i = 0; i < 100; i++) again.add((await simulator.purchase({ ...uberCa, reference: `w${i}` })).phoneNumber);
    expect(again.size).toBe(100);
    expect(simulator.inspect(refs[0]!).state).toBe('released');
  });

  it('numbers of cancelled rentals are free at once; a rental still open keeps its number', async () => {
    const { simulator, clock } = simulatorHarness({ ...oneBlock, minCancelAfterMs: 0 });
    const first = await simulator.purchase({ ...uberCa, reference: 'a' });
    await simulator.cancel(first.providerRef);
    await clock.advance(1);
    const held: string[] = [];
    for (let i = 0; i < 100; i++) held.push((await simulator.purchase({ ...uberCa, reference: `b${i}` })).phoneNumber);
    expect(new Set(held).size).toBe(100);
    expect(held).toContain(first.phoneNumber);
  });

  it('forgets a rental a day after it ended, and only then', async () => {
    const { simulator, clock } = simulatorHarness(oneBlock);
    const old = await simulator.purchase({ ...uberCa, reference: 'old' });
    await clock.advance(DAY);
    const recent = await simulator.purchase({ ...uberCa, reference: 'recent' });
    expect(simulator.inspect(old.providerRef).state).toBe('released'); // ended 23 h 59 min ago
    await clock.advance(2 * 60_000);
    await simulator.purchase({ ...uberCa, reference: 'trigger' });
    expect(() => simulator.inspect(old.providerRef)).toThrow(/no simulated rental/);
    expect(simulator.inspect(recent.providerRef).state).toBe('released');
  });
});
