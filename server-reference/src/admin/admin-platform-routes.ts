import type { SomeHandlers } from '../http/operation-handler.ts';
import { json, pageParams } from '../http/routes/respond.ts';
import { page } from '../serializers/money.ts';
import type { Schemas } from '../serializers/wire-models.ts';
import { adminOf } from './admin-context.ts';
import { serializePriceOverride, serializePricing } from './admin-serializers.ts';
import { auditFromRequest } from './audit/audit-trail.ts';
import { listAuditLog, serializeAuditEntry } from './audit/audit-log-views.ts';
import { listTiers, serializeTier, updateTier } from './platform/admin-tiers.ts';
import { serializeAnnouncement } from './platform/announcements.ts';
import { runtimeHandles } from './platform/runtime-handles.ts';
import { systemHealth } from './platform/system-health.ts';
import { requireRole } from './require-role.ts';

/** admin tag, platform: tiers, health, error log, announcements, pricing, providers, audit log. */
export const adminPlatformRoutes = {
  async adminListTiers(c) {
    requireRole(c, 'support');
    const params = pageParams(c);
    return json(
      c,
      200,
      page(await listTiers(adminOf(c).db, params), params.limit, (t) => t.id, serializeTier),
    );
  },

  async adminUpdateTier(c) {
    requireRole(c, 'admin');
    const tier = await updateTier(adminOf(c).db, c.get('input').path.tier_id, c.get('input').body, auditFromRequest(c));
    return json(c, 200, serializeTier(tier));
  },

  async adminGetSystemHealth(c) {
    requireRole(c, 'support');
    const services = c.get('services');
    const admin = adminOf(c);
    return json(
      c,
      200,
      await systemHealth(services.db, runtimeHandles(services), admin.providers, { version: admin.version, startedAt: services.startedAt }),
    );
  },

  async adminListErrors(c) {
    const caller = requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    let rows = adminOf(c)
      .db.selectFrom('error_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(params.limit + 1);
    if (params.startingAfter) rows = rows.where('id', '<', params.startingAfter);
    if (query.created_gte) rows = rows.where('created_at', '>=', new Date(query.created_gte));
    if (query.created_lt) rows = rows.where('created_at', '<', new Date(query.created_lt));
    if (query.status) rows = rows.where('status', '=', query.status);
    if (query.path) rows = rows.where('path', '=', query.path);
    const showStack = caller.user.role === 'admin';
    return json(
      c,
      200,
      page(
        await rows.execute(),
        params.limit,
        (e) => e.id,
        (e) => ({
          id: e.id,
          request_id: e.request_id,
          // text columns; captureServerErrors records only contract methods and ApiError codes
          method: e.method as Schemas['ErrorLogEntry']['method'],
          path: e.path,
          status: e.status,
          code: e.code as Schemas['ErrorLogEntry']['code'],
          message: e.message,
          stack: showStack ? e.stack : null,
          user_id: e.user_id,
          created_at: e.created_at.toISOString(),
        }),
      ),
    );
  },

  async adminListAnnouncements(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await adminOf(c).announcements.list({ ...params, severity: query.severity, active: query.active });
    return json(
      c,
      200,
      page(rows, params.limit, (a) => a.id, serializeAnnouncement),
    );
  },

  async adminPublishAnnouncement(c) {
    const actor = requireRole(c, 'admin');
    const row = await adminOf(c).announcements.publish(actor.user.id, c.get('input').body, auditFromRequest(c));
    return json(c, 201, serializeAnnouncement(row));
  },

  async adminGetPricing(c) {
    requireRole(c, 'support');
    return json(c, 200, serializePricing(await adminOf(c).pricing.view()));
  },

  async adminUpdatePricing(c) {
    const actor = requireRole(c, 'admin');
    return json(c, 200, serializePricing(await adminOf(c).pricing.update(actor.user.id, c.get('input').body, auditFromRequest(c))));
  },

  async adminListPriceOverrides(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await adminOf(c).pricing.listOverrides({
      ...params,
      service: query.service,
      country: query.country,
      tierId: query.tier_id,
    });
    const currency = c.get('services').config.currency;
    return json(
      c,
      200,
      page(
        rows,
        params.limit,
        (o) => o.id,
        (o) => serializePriceOverride(o, currency),
      ),
    );
  },

  async adminCreatePriceOverride(c) {
    const actor = requireRole(c, 'admin');
    const row = await adminOf(c).pricing.createOverride(actor.user.id, c.get('input').body, auditFromRequest(c));
    return json(c, 201, serializePriceOverride(row, c.get('services').config.currency), {
      Location: `/v1/admin/pricing/overrides/${row.id}`,
    });
  },

  async adminDeletePriceOverride(c) {
    requireRole(c, 'admin');
    await adminOf(c).pricing.deleteOverride(c.get('input').path.override_id, auditFromRequest(c));
    return c.body(null, 204);
  },

  async adminListProviders(c) {
    requireRole(c, 'support');
    const params = pageParams(c);
    const all = await adminOf(c).providers.list();
    const start = params.startingAfter ? all.findIndex((p) => p.id === params.startingAfter) + 1 : 0;
    return json(
      c,
      200,
      page(
        all.slice(start, start + params.limit + 1),
        params.limit,
        (p) => p.id,
        (p) => p,
      ),
    );
  },

  async adminUpdateProvider(c) {
    requireRole(c, 'admin');
    return json(c, 200, await adminOf(c).providers.update(c.get('input').path.provider_id, c.get('input').body, auditFromRequest(c)));
  },

  async adminListAuditLog(c) {
    requireRole(c, 'support');
    const { query } = c.get('input');
    const params = pageParams(c);
    const rows = await listAuditLog(adminOf(c).db, {
      ...params,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      actorUserId: query.actor_user_id,
      action: query.action,
      targetType: query.target_type,
      targetId: query.target_id,
    });
    return json(
      c,
      200,
      page(rows, params.limit, (e) => e.id, serializeAuditEntry),
    );
  },
} satisfies SomeHandlers;
