import type { Selectable, Kysely } from 'kysely';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { AuditLogTable, Database } from '../../storage/database-schema.ts';

/** spec/schemas/audit-log-entry.yaml */
export const serializeAuditEntry = (e: Selectable<AuditLogTable>): Schemas['AuditLogEntry'] => ({
  id: e.id,
  actor_user_id: e.actor_user_id,
  actor_role: e.actor_role,
  action: e.action,
  target_type: e.target_type,
  target_id: e.target_id,
  ip: e.ip,
  user_agent: e.user_agent,
  metadata: e.metadata ?? {},
  created_at: e.created_at.toISOString(),
});

/** The audit log, newest first (by `seq`); `action` matches exactly, or by prefix when it ends in `.*`. */
export async function listAuditLog(
  db: Kysely<Database>,
  filters: {
    limit: number;
    startingAfter?: string;
    createdGte?: string;
    createdLt?: string;
    actorUserId?: string;
    action?: string;
    targetType?: string;
    targetId?: string;
  },
) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(filters.limit + 1);
  if (filters.startingAfter)
    query = query.where('seq', '<', db.selectFrom('audit_log').select('seq').where('id', '=', filters.startingAfter));
  if (filters.createdGte) query = query.where('created_at', '>=', new Date(filters.createdGte));
  if (filters.createdLt) query = query.where('created_at', '<', new Date(filters.createdLt));
  if (filters.actorUserId) query = query.where('actor_user_id', '=', filters.actorUserId);
  if (filters.action?.endsWith('.*')) query = query.where('action', 'like', `${filters.action.slice(0, -1).replace(/_/g, '\\_')}%`);
  else if (filters.action) query = query.where('action', '=', filters.action);
  if (filters.targetType) query = query.where('target_type', '=', filters.targetType);
  if (filters.targetId) query = query.where('target_id', '=', filters.targetId);
  return query.execute();
}
