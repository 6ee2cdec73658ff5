import type { Kysely, Transaction } from 'kysely';
import { ApiError, problems } from '../../errors/index.ts';
import type { AdminUserDirectory, AdminUserRow } from './admin-user-directory.ts';

import type { AuditWriter as Audit } from '../audit/audit-trail.ts';
import type { Database } from '../../storage/database-schema.ts';

const selfAction = (what: string) => new ApiError('self_action_not_allowed', `An administrator cannot ${what} their own account.`);

/**
 * Changes to accounts made by administrators. Each is one transaction that locks the account row, makes
 * the change and writes its audit entries, so a refused change leaves nothing behind.
 */
export class AdminUserActions {
  private readonly db: Kysely<Database>;
  private readonly directory: AdminUserDirectory;
  constructor(db: Kysely<Database>, directory: AdminUserDirectory) {
    this.db = db;
    this.directory = directory;
  }

  async #locked(trx: Transaction<Database>, userId: string) {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) throw problems.notFound(`user ${userId}`);
    return user;
  }

  async update(
    actorId: string,
    userId: string,
    change: { tier?: string; role?: 'user' | 'support' | 'admin' },
    audit: Audit,
  ): Promise<AdminUserRow> {
    if (change.tier === undefined && change.role === undefined) {
      throw problems.validation([{ field: '/body', code: 'min_properties', message: 'Give `tier` or `role`.' }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const user = await this.#locked(trx, userId);
      if (change.role !== undefined && userId === actorId && change.role !== user.role) throw selfAction('change the role of');
      if (change.tier !== undefined && change.tier !== user.tier_id) {
        const tier = await trx.selectFrom('tiers').select('id').where('id', '=', change.tier).executeTakeFirst();
        if (!tier) throw problems.validation([{ field: '/body/tier', code: 'unknown', message: `No tier ${change.tier}.` }]);
        await trx.updateTable('users').set({ tier_id: change.tier, updated_at: new Date() }).where('id', '=', userId).execute();
        await audit(trx, 'user.tier_changed', { type: 'user', id: userId }, { before: user.tier_id, after: change.tier });
      }
      if (change.role !== undefined && change.role !== user.role) {
        await trx.updateTable('users').set({ role: change.role, updated_at: new Date() }).where('id', '=', userId).execute();
        await audit(trx, 'user.role_changed', { type: 'user', id: userId }, { before: user.role, after: change.role });
      }
      return (await this.directory.get(userId, trx))!;
    });
  }

  /** Suspends and revokes every session; API keys stay but are refused while suspended (authorize checks status). */
  async suspend(actorId: string, userId: string, reason: string, audit: Audit): Promise<AdminUserRow> {
    return this.db.transaction().execute(async (trx) => {
      const user = await this.#locked(trx, userId);
      if (userId === actorId) throw selfAction('suspend');
      if (user.status === 'suspended') throw new ApiError('user_already_suspended', 'The account is already suspended.');
      const now = new Date();
      await trx
        .updateTable('users')
        .set({ status: 'suspended', suspended_at: now, suspension_reason: reason, updated_at: now })
        .where('id', '=', userId)
        .execute();
      const revoked = await trx
        .updateTable('sessions')
        .set({ revoked_at: now, revoke_reason: 'account_suspended' })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      await audit(trx, 'user.suspended', { type: 'user', id: userId }, { reason, sessions_revoked: Number(revoked.numUpdatedRows) });
      return (await this.directory.get(userId, trx))!;
    });
  }

  async unsuspend(userId: string, reason: string, audit: Audit): Promise<AdminUserRow> {
    return this.db.transaction().execute(async (trx) => {
      const user = await this.#locked(trx, userId);
      if (user.status !== 'suspended') throw new ApiError('user_not_suspended', 'The account is not suspended.');
      await trx
        .updateTable('users')
        .set({ status: 'active', suspended_at: null, suspension_reason: null, updated_at: new Date() })
        .where('id', '=', userId)
        .execute();
      await audit(trx, 'user.unsuspended', { type: 'user', id: userId }, { reason, suspended_for: user.suspension_reason });
      return (await this.directory.get(userId, trx))!;
    });
  }
}
