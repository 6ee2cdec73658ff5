import type { Selectable, Kysely } from 'kysely';
import { problems } from '../../errors/index.ts';
import type { NotificationTables } from '../notification-tables.ts';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types.ts';
import { defaultPreference, type EffectivePreference, type PreferenceSettings } from './preference-defaults.ts';
import { preferenceViolations } from './preference-rules.ts';
import type { Database } from '../../storage/database-schema.ts';

type PreferenceRow = Selectable<NotificationTables['notification_preferences']>;

/** The changes of `PATCH /v1/notification-preferences/{type}`: present fields replace, absent ones stay. */
export type PreferencePatch = Partial<PreferenceSettings>;

const fromRow = (row: PreferenceRow): EffectivePreference => ({
  type: row.type,
  is_default: false,
  enabled: row.enabled,
  channels: row.channels,
  quiet_hours: row.quiet_hours ?? null,
  sound: row.sound,
  frequency: row.frequency,
  updated_at: row.updated_at,
});

const preferenceKey = (userId: string, type: string): string => `${userId}\u0000${type}`;

/**
 * Per-account, per-type notification preferences. Only the types an account changed are stored; the rest
 * are the defaults in code, so a reset deletes the row and the type follows future changes of defaults.
 */
export class PreferenceStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** The effective preference of every type, in `NotificationType` order. */
  async list(userId: string): Promise<EffectivePreference[]> {
    const rows = await this.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).execute();
    const byType = new Map(rows.map((row) => [row.type, fromRow(row)]));
    return NOTIFICATION_TYPES.map((type) => byType.get(type) ?? defaultPreference(type));
  }

  /** The effective preference of one type. */
  async get(userId: string, type: NotificationType): Promise<EffectivePreference> {
    const row = await this.db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('user_id', '=', userId)
      .where('type', '=', type)
      .executeTakeFirst();
    return row ? fromRow(row) : defaultPreference(type);
  }

  /**
   * The effective preferences of several (account, type) pairs in one query, in the order given: what a
   * batch of events needs (the notification router, the webhook channel filter).
   */
  async getMany(keys: ReadonlyArray<{ userId: string; type: NotificationType }>): Promise<EffectivePreference[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('user_id', 'in', [...new Set(keys.map((key) => key.userId))])
      .where('type', 'in', [...new Set(keys.map((key) => key.type))])
      .execute();
    const stored = new Map(rows.map((row) => [preferenceKey(row.user_id, row.type), fromRow(row)]));
    return keys.map((key) => stored.get(preferenceKey(key.userId, key.type)) ?? defaultPreference(key.type));
  }

  /**
   * Applies `patch` on top of the effective preference and stores the result (the first change copies
   * the defaults). Throws a 422 problem, changing nothing, when the result breaks a rule.
   */
  async update(
    account: { id: string; phone_number: string | null },
    type: NotificationType,
    patch: PreferencePatch,
    now: Date,
  ): Promise<EffectivePreference> {
    const current = await this.get(account.id, type);
    const next: PreferenceSettings = {
      enabled: patch.enabled ?? current.enabled,
      channels: patch.channels ?? current.channels,
      quiet_hours: patch.quiet_hours !== undefined ? patch.quiet_hours : current.quiet_hours,
      sound: patch.sound ?? current.sound,
      frequency: patch.frequency ?? current.frequency,
    };
    const errors = preferenceViolations(type, next, { phoneNumber: account.phone_number });
    if (errors.length > 0) throw problems.validation(errors);
    const values = {
      enabled: next.enabled,
      channels: JSON.stringify(next.channels),
      quiet_hours: next.quiet_hours ? JSON.stringify(next.quiet_hours) : null,
      sound: JSON.stringify(next.sound),
      frequency: next.frequency,
      updated_at: now,
    };
    const row = await this.db
      .insertInto('notification_preferences')
      .values({ user_id: account.id, type, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'type']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromRow(row);
  }

  /** Puts `types` (every type when absent) back to the defaults. */
  async reset(userId: string, types?: NotificationType[]): Promise<void> {
    let query = this.db.deleteFrom('notification_preferences').where('user_id', '=', userId);
    if (types) query = query.where('type', 'in', types);
    await query.execute();
  }
}
