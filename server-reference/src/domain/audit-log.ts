import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { newId } from '../storage/ids.ts';
import type { ClientInfo, UserRow } from './principal.ts';

/** One audit-log entry to append (spec/schemas/audit-log-entry.yaml, less id and created_at). */
export interface AuditEntry {
  /** Who acted; null for the platform itself (`actor_role` must then be `system`). */
  actorUserId: string | null;
  actorRole: 'user' | 'support' | 'admin' | 'system';
  /** `<object>.<verb in the past tense>`, e.g. `totp.enabled`, `ip_allowlist.entry_added`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  metadata?: Record<string, unknown>;
}

/**
 * Appends one entry to `audit_log`, inside the caller's transaction so the entry and the change it
 * records commit (or roll back) together. The table refuses UPDATE, DELETE and TRUNCATE by trigger
 * (migration 0700-audit-log), on PostgreSQL and PGlite alike.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('users').set({ status: 'suspended' }).where('id', '=', userId).execute();
 *   await appendAudit(trx, { actorUserId: admin.id, actorRole: 'admin', action: 'user.suspended', targetType: 'user', targetId: userId, metadata: { reason } });
 * });
 */
export async function appendAudit(trx: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<string> {
  const id = newId('aud');
  await trx
    .insertInto('audit_log')
    .values({
      id,
      actor_user_id: entry.actorUserId,
      actor_role: entry.actorRole,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: entry.ip ? entry.ip.slice(0, 45) : null,
      user_agent: entry.userAgent ? entry.userAgent.slice(0, 512) : null,
      metadata: JSON.stringify(entry.metadata ?? {}),
    })
    .execute();
  return id;
}

/** The audit fields of a user acting on their own account from `client`. */
export const selfActor = (user: Pick<UserRow, 'id' | 'role'>, client: ClientInfo) => ({
  actorUserId: user.id,
  actorRole: user.role,
  ip: client.ip,
  userAgent: client.userAgent,
});
