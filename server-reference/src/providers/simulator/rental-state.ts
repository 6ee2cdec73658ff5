/**
 * The life of one simulated rental, as a real provider runs it:
 *
 * ```
 * active ──sms──▶ sms_received ──sms──▶ sms_received
 *   │  │                 │  │
 *   │  └──release──▶ released ◀──release┘  (the rental time ran out)
 *   ├──cancel──▶ cancelled                  (before any SMS only)
 *   └──report──▶ reported ◀──report── sms_received
 * ```
 * `released`, `cancelled` and `reported` are final.
 */
export type RentalState = 'active' | 'sms_received' | 'released' | 'cancelled' | 'reported';

/** What can happen to a rental. */
export type RentalEvent = 'sms' | 'cancel' | 'report' | 'release';

const TRANSITIONS: Record<RentalState, Partial<Record<RentalEvent, RentalState>>> = {
  active: { sms: 'sms_received', cancel: 'cancelled', report: 'reported', release: 'released' },
  sms_received: { sms: 'sms_received', report: 'reported', release: 'released' },
  released: {},
  cancelled: {},
  reported: {},
};

/**
 * The state after `event`, or null when the event is not allowed in `state`.
 *
 * @example
 * nextRentalState('active', 'cancel');       // 'cancelled'
 * nextRentalState('sms_received', 'cancel'); // null: the number was used
 */
export function nextRentalState(state: RentalState, event: RentalEvent): RentalState | null {
  return TRANSITIONS[state][event] ?? null;
}

/** True while the number is still rented (SMS can arrive). */
export function isRentalOpen(state: RentalState): boolean {
  return state === 'active' || state === 'sms_received';
}
