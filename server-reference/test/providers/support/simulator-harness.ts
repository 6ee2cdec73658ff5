import type { ProviderSms } from '../../../src/domain/ports/upstream-provider.ts';
import { ManualClock, SimulatorProvider, type SimulatorOptions } from '../../../src/providers/simulator/index.ts';

export const START = Date.parse('2026-01-01T00:00:00Z');

/** A simulator on a manual clock whose sink records every delivery. */
export function simulatorHarness(options: Omit<SimulatorOptions, 'clock' | 'smsSink'> = {}) {
  const clock = new ManualClock(START);
  const delivered: Array<{ providerId: string; providerRef: string; sms: ProviderSms }> = [];
  const simulator = new SimulatorProvider({
    ...options,
    clock,
    smsSink: async (providerId, providerRef, sms) => {
      delivered.push({ providerId, providerRef, sms });
    },
  });
  return { clock, simulator, delivered };
}
