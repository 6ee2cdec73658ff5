import type { SomeHandlers } from '../http/operation-handler.ts';
import { problems } from '../errors/index.ts';
import { json, pageParams } from '../http/routes/respond.ts';
import { page } from '../serializers/money.ts';
import { serializeLedgerEntry } from '../serializers/wallet-serializers.ts';
import { adminOf } from './admin-context.ts';
import { auditFromRequest } from './audit/audit-trail.ts';
import { requireRole } from './require-role.ts';
import { serializeAdminUser } from './users/admin-user-serializer.ts';

/** admin tag, accounts: list, read, tier and role, suspension, balance adjustments. */
export const adminAccountRoutes = {
  async adminListUsers(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await adminOf(c).users.list({
      ...params,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      q: query.q,
      role: query.role,
      tier: query.tier,
      status: query.status,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (u) => u.id, serializeAdminUser),
    );
  },

  async adminGetUser(c) {
    requireRole(c, 'support');
    const id = c.get('input').path.user_id;
    const user = await adminOf(c).users.get(id);
    if (!user) throw problems.notFound(`user ${id}`);
    return json(c, 200, serializeAdminUser(user));
  },

  async adminUpdateUser(c) {
    const actor = requireRole(c, 'admin');
    const user = await adminOf(c).userActions.update(actor.user.id, c.get('input').path.user_id, c.get('input').body, auditFromRequest(c));
    return json(c, 200, serializeAdminUser(user));
  },

  async adminSuspendUser(c) {
    const actor = requireRole(c, 'admin');
    const user = await adminOf(c).userActions.suspend(
      actor.user.id,
      c.get('input').path.user_id,
      c.get('input').body.reason,
      auditFromRequest(c),
    );
    return json(c, 200, serializeAdminUser(user));
  },

  async adminUnsuspendUser(c) {
    requireRole(c, 'admin');
    const user = await adminOf(c).userActions.unsuspend(c.get('input').path.user_id, c.get('input').body.reason, auditFromRequest(c));
    return json(c, 200, serializeAdminUser(user));
  },

  async adminCreateBalanceAdjustment(c) {
    requireRole(c, 'admin');
    const { amount, reason } = c.get('input').body;
    const entry = await adminOf(c).money.adjustBalance(c.get('input').path.user_id, amount, reason, auditFromRequest(c));
    return json(c, 201, serializeLedgerEntry(entry));
  },
} satisfies SomeHandlers;
