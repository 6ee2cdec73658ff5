import { describe, expect, it } from 'vitest';
import { nextRentalState, type RentalEvent, type RentalState } from '../../../src/providers/simulator/index.ts';

const STATES: RentalState[] = ['active', 'sms_received', 'released', 'cancelled', 'reported'];
const EVENTS: RentalEvent[] = ['sms', 'cancel', 'report', 'release'];

/** Every allowed transition; anything not listed must be refused. */
const ALLOWED: Record<string, RentalState> = {
  'active sms': 'sms_received',
  'active cancel': 'cancelled',
  'active report': 'reported',
  'active release': 'released',
  'sms_received sms': 'sms_received',
  'sms_received report': 'reported',
  'sms_received release': 'released',
};

describe('nextRentalState', () => {
  for (const state of STATES) {
    for (const event of EVENTS) {
      const expected = ALLOWED[`${state} ${event}`] ?? null;
      it(`${state} + ${event} -> ${expected ?? 'refused'}`, () => {
        expect(nextRentalState(state, event)).toBe(expected);
      });
    }
  }
});
