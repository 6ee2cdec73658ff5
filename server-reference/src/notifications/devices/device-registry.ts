import type { Selectable, Kysely } from 'kysely';
import { problems } from '../../errors/index.ts';
import { newNotificationId } from '../notification-ids.ts';
import type { NotificationTables } from '../notification-tables.ts';
import type { Database } from '../../storage/database-schema.ts';

export type DeviceRow = Selectable<NotificationTables['devices']>;

export interface RegisterDeviceInput {
  platform: 'fcm' | 'apns';
  token: string;
  app_id: string;
  apns_environment?: 'production' | 'sandbox';
  name?: string;
  locale?: string;
}

/**
 * Push devices. A token is registered once across all accounts: registering it again updates the device
 * (same account) or moves it to the caller (the installation changed hands), so one token never receives
 * another account's pushes.
 */
export class DeviceRegistry {
  private readonly db: Kysely<Database>;
  private readonly options: { appIds: readonly string[] };
  constructor(db: Kysely<Database>, options: { appIds: readonly string[] }) {
    this.db = db;
    this.options = options;
  }

  /** Registers or refreshes a device; `created` tells whether the caller got a new device id. */
  async register(
    account: { id: string; locale: string },
    input: RegisterDeviceInput,
    now: Date,
  ): Promise<{ device: DeviceRow; created: boolean }> {
    if (input.platform === 'fcm' && input.apns_environment !== undefined) {
      throw problems.validation([
        { field: '/body/apns_environment', code: 'invalid', message: 'apns_environment is only accepted with the apns platform' },
      ]);
    }
    if (!this.options.appIds.includes(input.app_id)) {
      throw problems.validation([
        { field: '/body/app_id', code: 'invalid', message: `${input.app_id} is not an app configured on this platform` },
      ]);
    }
    const fields = {
      app_id: input.app_id,
      apns_environment: input.platform === 'apns' ? (input.apns_environment ?? 'production') : null,
      name: input.name ?? null,
      locale: input.locale ?? account.locale,
      updated_at: now,
    };
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('devices')
        .selectAll()
        .where('platform', '=', input.platform)
        .where('token', '=', input.token)
        .forUpdate()
        .executeTakeFirst();
      if (existing?.user_id === account.id) {
        const device = await trx.updateTable('devices').set(fields).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
        return { device, created: false };
      }
      // a token of another account is taken over under a new id, so its old owner's device disappears
      if (existing) await trx.deleteFrom('devices').where('id', '=', existing.id).execute();
      const id = newNotificationId('dev', now);
      // a concurrent registration of the same token may have won the insert: then this one is an update
      const device = await trx
        .insertInto('devices')
        .values({
          id,
          user_id: account.id,
          platform: input.platform,
          token: input.token,
          created_at: now,
          ...fields,
        })
        .onConflict((oc) => oc.columns(['platform', 'token']).doUpdateSet({ user_id: account.id, ...fields }))
        .returningAll()
        .executeTakeFirstOrThrow();
      return { device, created: device.id === id };
    });
  }

  /** Up to `limit + 1` devices of the account, newest first. */
  async list(userId: string, page: { limit: number; startingAfter?: string }): Promise<DeviceRow[]> {
    let query = this.db.selectFrom('devices').selectAll().where('user_id', '=', userId);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  /** Every device of the account, for a push. */
  async forUser(userId: string): Promise<DeviceRow[]> {
    return this.db.selectFrom('devices').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  }

  /** Unregisters a device of the account; another account's is a 404. */
  async remove(userId: string, deviceId: string): Promise<void> {
    const result = await this.db.deleteFrom('devices').where('id', '=', deviceId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw problems.notFound('device with this id');
  }

  /** Forgets a token the push service reported as no longer valid. */
  async removeInvalidToken(platform: 'fcm' | 'apns', token: string): Promise<void> {
    await this.db.deleteFrom('devices').where('platform', '=', platform).where('token', '=', token).execute();
  }
}
