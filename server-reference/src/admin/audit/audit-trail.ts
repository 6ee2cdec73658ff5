import type { Transaction } from 'kysely';
import type { Context } from 'hono';
import { appendAudit } from '../../domain/audit-log.ts';
import type { AnyOperationEnv } from '../../http/app-env.ts';
import { clientInfo } from '../../http/middleware/authenticate/index.ts';
import type { Database } from '../../storage/database-schema.ts';

/** Writes one audit entry for the request's caller in the transaction of the change it records. */
export type AuditWriter = (
  trx: Transaction<Database>,
  action: string,
  target: { type: string | null; id: string | null },
  metadata?: Record<string, unknown>,
) => Promise<string>;

/**
 * Audits actions of the request's caller through the core's append-only `appendAudit`: actor, role, IP
 * and user agent come from the request, so every admin handler records who, what, when and from where.
 */
export function auditFromRequest<E extends AnyOperationEnv>(c: Context<E>): AuditWriter {
  const principal = c.get('principal');
  const client = clientInfo(c);
  return (trx, action, target, metadata = {}) =>
    appendAudit(trx, {
      actorUserId: principal?.user.id ?? null,
      actorRole: principal?.user.role ?? 'system',
      action,
      targetType: target.type,
      targetId: target.id,
      ip: client.ip,
      userAgent: client.userAgent,
      metadata,
    });
}
