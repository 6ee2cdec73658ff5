import { describe, expect, it } from 'vitest';
import { digestDueAt } from '../../src/notifications/schedule/digest-schedule.ts';
import { deliveryDueAt } from '../../src/notifications/schedule/delivery-due-time.ts';
import { isValidTimeZone, quietHoursEnd } from '../../src/notifications/schedule/quiet-hours.ts';
import { defaultPreference } from '../../src/notifications/preferences/preference-defaults.ts';

const NIGHT = { enabled: true, start: '22:00', end: '07:00', timezone: 'America/New_York' };
const end = (instant: string, quiet = NIGHT) => quietHoursEnd(new Date(instant), quiet)?.toISOString() ?? null;

describe('quiet hours', () => {
  it('holds a notification at 23:30 local until 07:00 the next morning', () => {
    // 2026-11-20 23:30 EST = 2026-11-21T04:30Z; 07:00 EST = 12:00Z
    expect(end('2026-11-21T04:30:00Z')).toBe('2026-11-21T12:00:00.000Z');
  });

  it('treats the start as inside and the end as outside the window', () => {
    expect(end('2026-11-21T03:00:00Z')).toBe('2026-11-21T12:00:00.000Z'); // 22:00 local
    expect(end('2026-11-21T12:00:00Z')).toBeNull(); // 07:00 local
    expect(end('2026-11-21T02:59:59Z')).toBeNull(); // 21:59:59 local
  });

  it('finds the window that started the evening before, after midnight', () => {
    expect(end('2026-11-21T07:00:00Z')).toBe('2026-11-21T12:00:00.000Z'); // 02:00 local
  });

  it('follows daylight-saving time: the night clocks spring forward ends at 07:00 EDT', () => {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 01:30 EST is 06:30Z, 07:00 EDT is 11:00Z
    expect(end('2026-03-08T06:30:00Z')).toBe('2026-03-08T11:00:00.000Z');
    // and the night clocks fall back ends at 07:00 EST (12:00Z), an hour later in UTC than the night before
    expect(end('2026-11-01T05:30:00Z')).toBe('2026-11-01T12:00:00.000Z');
    expect(end('2026-10-31T05:30:00Z')).toBe('2026-10-31T11:00:00.000Z');
  });

  it('handles a window that starts inside the skipped hour', () => {
    const quiet = { enabled: true, start: '02:30', end: '05:00', timezone: 'America/New_York' };
    // 02:30 does not exist on the spring-forward day: the window starts when the clock would have shown it, 03:30 EDT
    expect(end('2026-03-08T07:40:00Z', quiet)).toBe('2026-03-08T09:00:00.000Z'); // 03:40 EDT -> 05:00 EDT
    expect(end('2026-03-08T07:10:00Z', quiet)).toBeNull(); // 03:10 EDT, before the shifted start
  });

  it('handles a daytime window and zones with half-hour offsets', () => {
    const office = { enabled: true, start: '09:00', end: '17:30', timezone: 'Asia/Kolkata' };
    expect(end('2026-11-20T04:00:00Z', office)).toBe('2026-11-20T12:00:00.000Z'); // 09:30 IST -> 17:30 IST
    expect(end('2026-11-20T12:00:00Z', office)).toBeNull();
    expect(end('2026-11-20T02:00:00Z', office)).toBeNull(); // 07:30 IST
  });

  it('ignores a disabled window', () => {
    expect(end('2026-11-21T04:30:00Z', { ...NIGHT, enabled: false })).toBeNull();
  });

  it('knows tz database zones', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('digest schedule', () => {
  it('sends hourly digests at the top of the local hour, which is :30 UTC in Kolkata', () => {
    expect(digestDueAt(new Date('2026-11-20T09:15:00Z'), 'hourly', 'UTC').toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(digestDueAt(new Date('2026-11-20T09:15:00Z'), 'hourly', 'Asia/Kolkata').toISOString()).toBe('2026-11-20T09:30:00.000Z');
  });

  it('sends daily digests at the next 08:00 in the account zone', () => {
    // 07:59 IST -> 08:00 IST the same day; 08:00 IST exactly -> the next day
    expect(digestDueAt(new Date('2026-11-20T02:29:00Z'), 'daily', 'Asia/Kolkata').toISOString()).toBe('2026-11-20T02:30:00.000Z');
    expect(digestDueAt(new Date('2026-11-20T02:30:00Z'), 'daily', 'Asia/Kolkata').toISOString()).toBe('2026-11-21T02:30:00.000Z');
  });
});

describe('delivery due time', () => {
  const base = { ...defaultPreference('balance.low'), quiet_hours: NIGHT };
  const at = '2026-11-21T04:30:00Z';

  it('holds non-critical deliveries and sends critical ones at once', () => {
    const input = { createdAt: new Date(at), channel: 'email' as const, preference: base, accountZone: 'UTC', now: new Date(at) };
    expect(deliveryDueAt({ ...input, severity: 'warning' }).toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect(deliveryDueAt({ ...input, severity: 'critical' }).toISOString()).toBe('2026-11-21T04:30:00.000Z');
  });

  it('moves a digest that falls inside quiet hours to the end of the window', () => {
    const preference = { ...base, frequency: 'hourly' as const };
    const due = deliveryDueAt({
      createdAt: new Date('2026-11-21T02:30:00Z'),
      severity: 'info',
      channel: 'email',
      preference,
      accountZone: 'America/New_York',
      now: new Date('2026-11-21T02:30:00Z'),
    });
    // created 21:30 local; the 22:00 digest is inside the window, so it waits until 07:00
    expect(due.toISOString()).toBe('2026-11-21T12:00:00.000Z');
  });
});
