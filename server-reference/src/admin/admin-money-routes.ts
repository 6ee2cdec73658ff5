import { problems } from '../errors/index.ts';
import type { SomeHandlers } from '../http/operation-handler.ts';
import { json, pageParams } from '../http/routes/respond.ts';
import { page } from '../serializers/money.ts';
import { adminOf } from './admin-context.ts';
import { serializeAdminLedgerEntry, serializeAdminVerification, serializeRefund } from './admin-serializers.ts';
import { auditFromRequest } from './audit/audit-trail.ts';
import { requireRole } from './require-role.ts';

/** admin tag, money: every account's transactions, refunds (and manual refunds) and verifications. */
export const adminMoneyRoutes = {
  async adminListTransactions(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await adminOf(c).moneyViews.transactions({
      ...params,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      userId: query.user_id,
      type: query.type,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (e) => e.id, serializeAdminLedgerEntry),
    );
  },

  async adminListRefunds(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await adminOf(c).moneyViews.refunds({
      ...params,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      userId: query.user_id,
      reason: query.reason,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (r) => r.entry.id, serializeRefund),
    );
  },

  async adminCreateRefund(c) {
    const actor = requireRole(c, 'admin');
    const { verification_id, reason } = c.get('input').body;
    const admin = adminOf(c);
    const entry = await admin.money.refund(actor.user.id, verification_id, reason, auditFromRequest(c));
    return json(c, 201, serializeRefund(await admin.moneyViews.refundOf(entry.id)));
  },

  async adminListVerifications(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await adminOf(c).moneyViews.verifications({
      ...params,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      userId: query.user_id,
      status: query.status,
      service: query.service,
      country: query.country,
      provider: query.provider,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (v) => v.id, serializeAdminVerification),
    );
  },

  async adminGetVerification(c) {
    requireRole(c, 'support');
    const id = c.get('input').path.verification_id;
    const verification = await adminOf(c).moneyViews.verification(id);
    if (!verification) throw problems.notFound(`verification ${id}`);
    return json(c, 200, serializeAdminVerification(verification));
  },
} satisfies SomeHandlers;
