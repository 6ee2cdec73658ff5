import { describe, expect, it } from 'vitest';
import { FiveSimProvider } from '../../../src/providers/fivesim/index.ts';
import { providersConfigFromEnv } from '../../../src/providers/provider-config.ts';
import { createProviderRegistry } from '../../../src/providers/registry.ts';
import { ManualClock, SimulatorProvider } from '../../../src/providers/simulator/index.ts';
import { TextVerifiedProvider } from '../../../src/providers/textverified/index.ts';
import type { ProviderSms } from '../../../src/domain/ports/upstream-provider.ts';
import { constantRandom } from '../support/random-sequence.ts';

describe('createProviderRegistry', () => {
  it('builds the providers PROVIDERS names, in priority order', () => {
    const registry = createProviderRegistry(
      providersConfigFromEnv({
        PROVIDERS: 'fivesim,simulator,textverified',
        TEXTVERIFIED_API_USERNAME: 'ops@example.com',
        TEXTVERIFIED_API_KEY: 'k',
        FIVESIM_API_KEY: 'k',
        FIVESIM_UNITS_PER_USD: '1',
      }),
    );
    expect(registry.all().map((p) => p.id)).toEqual(['fivesim', 'simulator', 'textverified']);
    expect(registry.get('fivesim')).toBeInstanceOf(FiveSimProvider);
    expect(registry.get('textverified')).toBeInstanceOf(TextVerifiedProvider);
    expect(registry.simulator).toBeInstanceOf(SimulatorProvider);
    expect(['fivesim', 'simulator', 'textverified'].map((id) => registry.routing(id).priority)).toEqual([1, 2, 3]);
  });

  it('wires the SMS sink, clock and randomness into the simulator, and close() stops its timers', async () => {
    const clock = new ManualClock(0);
    const delivered: ProviderSms[] = [];
    const registry = createProviderRegistry(providersConfigFromEnv({ SIMULATOR_SMS_DELAY_MS: '100' }), {
      clock,
      random: constantRandom(0.5),
      smsSink: async (_id, _ref, sms) => {
        delivered.push(sms);
      },
    });
    const route = await registry.pick({ service: 'whatsapp', country: 'US' });
    const bought = await route.provider.purchase({ service: 'whatsapp', country: 'US', reference: 'ver_1' });
    await clock.advance(100);
    expect(delivered).toHaveLength(1);
    expect(await registry.simulator!.fetchSms(bought.providerRef)).toHaveLength(1);

    await route.provider.purchase({ service: 'whatsapp', country: 'US', reference: 'ver_2' });
    expect(clock.pendingTimers).toBe(1);
    await registry.close();
    expect(clock.pendingTimers).toBe(0);
  });

  it('has no simulator when PROVIDERS leaves it out', () => {
    const registry = createProviderRegistry(
      providersConfigFromEnv({ PROVIDERS: 'fivesim', FIVESIM_API_KEY: 'k', FIVESIM_UNITS_PER_USD: '1' }),
    );
    expect(registry.simulator).toBeUndefined();
  });
});
