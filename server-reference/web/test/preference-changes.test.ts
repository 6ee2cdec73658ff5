import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NotificationPreference } from '@namaskah/sdk';
import { preferenceChanges, sharedFrequency } from '../src/pages/preferences/preference-changes.ts';

const preference = (type: NotificationPreference['type'], overrides: Partial<NotificationPreference> = {}): NotificationPreference => ({
  type,
  is_default: true,
  enabled: true,
  channels: ['in_app', 'webhook'],
  quiet_hours: null,
  sound: { enabled: false, name: 'default' },
  frequency: 'instant',
  updated_at: null,
  ...overrides,
});
const quietOff = { enabled: false, start: '22:00', end: '07:00', timezone: 'UTC' };
const rowOf = (p: NotificationPreference) => ({
  enabled: p.enabled,
  channels: [...p.channels],
  sound: p.sound.enabled ? p.sound.name : ('off' as const),
});

test('an untouched form sends nothing', () => {
  const list = [preference('verification.created'), preference('refund.issued', { frequency: 'daily' })];
  const rows = new Map(list.map((p) => [p.type, rowOf(p)]));
  assert.equal(sharedFrequency(list), 'keep');
  assert.deepEqual(preferenceChanges(list, { rows, quietHours: quietOff, frequency: 'keep' }), []);
});

test('only the fields that differ are sent, and only for the types that differ', () => {
  const list = [preference('verification.created'), preference('refund.issued')];
  const rows = new Map(list.map((p) => [p.type, rowOf(p)]));
  rows.set('refund.issued', { enabled: true, channels: ['webhook', 'email', 'in_app'], sound: 'chime' });
  assert.deepEqual(preferenceChanges(list, { rows, quietHours: quietOff, frequency: 'instant' }), [
    ['refund.issued', { channels: ['in_app', 'email', 'webhook'], sound: { enabled: true, name: 'chime' } }],
  ]);
});

test('shared quiet hours and frequency reach every type; no channel left means off, not an empty list', () => {
  const list = [preference('verification.created'), preference('refund.issued')];
  const rows = new Map(list.map((p) => [p.type, rowOf(p)]));
  rows.set('verification.created', { enabled: true, channels: [], sound: 'off' });
  const quiet = { enabled: true, start: '23:00', end: '06:00', timezone: 'Asia/Kolkata' };
  assert.deepEqual(preferenceChanges(list, { rows, quietHours: quiet, frequency: 'hourly' }), [
    ['verification.created', { enabled: false, quiet_hours: quiet, frequency: 'hourly' }],
    ['refund.issued', { quiet_hours: quiet, frequency: 'hourly' }],
  ]);
});
