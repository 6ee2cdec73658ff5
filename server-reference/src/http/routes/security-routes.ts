import type { Context } from 'hono';
import type { AnyOperationEnv } from '../app-env.ts';
import { clientInfo } from '../middleware/authenticate/index.ts';
import type { SomeHandlers } from '../operation-handler.ts';
import { iso, page } from '../../serializers/money.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { SecurityOverview } from '../../domain/security/second-factors.ts';
import { TOTP_PARAMETERS } from '../../domain/security/totp.ts';
import { json, pageParams, principalOf } from './respond.ts';
import { alertSecurity } from './security-alerts.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** spec/schemas/security-overview.yaml */
const serializeOverview = (o: SecurityOverview): Schemas['SecurityOverview'] => ({
  totp_enabled: o.totpEnabled,
  sms_second_factor_enabled: o.smsEnabled,
  sms_phone_hint: o.smsPhoneHint,
  recovery_codes_remaining: o.recoveryCodesRemaining,
  ip_allowlist_enabled: o.ipAllowlistEntries > 0,
  ip_allowlist_entries: o.ipAllowlistEntries,
});

/** The caller's security overview, which the second-factor operations answer with. */
const overviewOf = async <E extends AnyOperationEnv>(c: Context<E>): Promise<Schemas['SecurityOverview']> =>
  serializeOverview(await c.get('services').secondFactors.overview(principalOf(c).user.id));

/** security tag: second factors, recovery codes and the account IP allowlist. */
export const securityRoutes = {
  getSecurityOverview: async (c) => json(c, 200, await overviewOf(c)),

  async enrolTotp(c) {
    const { secret, uri, expiresAt } = await c.get('services').secondFactors.enrolTotp(principalOf(c).user, clientInfo(c));
    return json(c, 200, { secret, otpauth_uri: uri, ...TOTP_PARAMETERS, expires_at: expiresAt.toISOString() }, NO_STORE);
  },

  async confirmTotp(c) {
    const { user } = principalOf(c);
    const { codes, createdAt } = await c.get('services').secondFactors.confirmTotp(user, c.get('input').body.code, clientInfo(c));
    await alertSecurity(c, user.id, {
      key: `totp-enabled:${createdAt.toISOString()}`,
      alert: 'totp_enabled',
    });
    return json(c, 200, { codes, created_at: iso(createdAt) }, NO_STORE);
  },

  async disableTotp(c) {
    const { user } = principalOf(c);
    await c.get('services').secondFactors.disableTotp(user, c.get('input').body, clientInfo(c));
    await alertSecurity(c, user.id, {
      key: `totp-disabled:${Date.now()}`,
      alert: 'totp_disabled',
    });
    return json(c, 200, await overviewOf(c));
  },

  async regenerateRecoveryCodes(c) {
    const { codes, createdAt } = await c.get('services').secondFactors.regenerateRecoveryCodes(principalOf(c).user, clientInfo(c));
    return json(c, 200, { codes, created_at: iso(createdAt) }, NO_STORE);
  },

  async enableSmsSecondFactor(c) {
    const pending = await c.get('services').secondFactors.enableSms(principalOf(c).user, c.get('input').body.phone_number, clientInfo(c));
    return json(c, 200, { phone_number: pending.phone, code_sent_at: iso(pending.sentAt), expires_at: iso(pending.expiresAt) });
  },

  async confirmSmsSecondFactor(c) {
    const { user } = principalOf(c);
    await c.get('services').secondFactors.confirmSms(user, c.get('input').body.code, clientInfo(c));
    await alertSecurity(c, user.id, {
      key: `sms-factor-enabled:${Date.now()}`,
      alert: 'sms_factor_enabled',
    });
    return json(c, 200, await overviewOf(c));
  },

  async disableSmsSecondFactor(c) {
    const { user } = principalOf(c);
    await c.get('services').secondFactors.disableSms(user, c.get('input').body.password, clientInfo(c));
    await alertSecurity(c, user.id, {
      key: `sms-factor-disabled:${Date.now()}`,
      alert: 'sms_factor_disabled',
    });
    return json(c, 200, await overviewOf(c));
  },

  async listIpAllowlistEntries(c) {
    const params = pageParams(c);
    const rows = await c.get('services').ipAllowlist.list(principalOf(c).user.id, params);
    return json(
      c,
      200,
      page(
        rows,
        params.limit,
        (e) => e.id,
        (e) => ({ id: e.id, cidr: e.cidr, label: e.label, created_at: iso(e.created_at) }),
      ),
    );
  },

  async addIpAllowlistEntry(c) {
    const entry = await c.get('services').ipAllowlist.add(principalOf(c).user, c.get('input').body, clientInfo(c));
    return json(c, 201, { id: entry.id, cidr: entry.cidr, label: entry.label, created_at: iso(entry.created_at) });
  },

  async deleteIpAllowlistEntry(c) {
    await c.get('services').ipAllowlist.remove(principalOf(c).user, c.get('input').path.entry_id, clientInfo(c));
    return c.body(null, 204);
  },
} satisfies SomeHandlers;
