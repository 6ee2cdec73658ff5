import type { SomeHandlers } from '../operation-handler.ts';
import { ApiError, problems } from '../../errors/index.ts';
import { serializeApiKey } from '../../serializers/api-key-serializers.ts';
import { page } from '../../serializers/money.ts';
import { json, pageParams, principalOf } from './respond.ts';
import { alertSecurity } from './security-alerts.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** api-keys tag: create (secret shown once), list, get, revoke, rotate with a grace period. */
export const apiKeyRoutes = {
  async listApiKeys(c) {
    const principal = principalOf(c);
    const params = pageParams(c);
    let rows = await c.get('services').apiKeys.list(principal.user.id, params);
    if (!c.get('input').query.include_revoked) rows = rows.filter((k) => !k.revoked_at);
    return json(
      c,
      200,
      page(rows, params.limit, (k) => k.id, serializeApiKey),
    );
  },

  async createApiKey(c) {
    const principal = principalOf(c);
    if (!principal.tier.features.api_access) {
      throw new ApiError('feature_not_available', `The ${principal.tier.name} tier has no API access.`);
    }
    const { key, secret } = await c.get('services').apiKeys.create(principal.user.id, c.get('input').body);
    await alertSecurity(c, principal.user.id, {
      key: `api-key-created:${key.id}`,
      alert: 'api_key_created',
      values: { name: key.name },
      ids: { api_key_id: key.id },
    });
    return json(c, 201, { ...serializeApiKey(key), secret }, { ...NO_STORE, Location: `/v1/api-keys/${key.id}` });
  },

  async getApiKey(c) {
    const key = await c.get('services').apiKeys.get(principalOf(c).user.id, c.get('input').path.api_key_id);
    // revoked is deleted as far as reads go (the spec's DELETE); the list still shows it on request
    if (key.revoked_at) throw problems.notFound(`API key ${key.id}`);
    return json(c, 200, serializeApiKey(key));
  },

  async revokeApiKey(c) {
    await c.get('services').apiKeys.revoke(principalOf(c).user.id, c.get('input').path.api_key_id);
    return c.body(null, 204);
  },

  async rotateApiKey(c) {
    const principal = principalOf(c);
    const grace = c.get('input').body?.grace_period_seconds ?? 86_400;
    const apiKeys = c.get('services').apiKeys;
    const current = await apiKeys.get(principal.user.id, c.get('input').path.api_key_id);
    if (current.revoked_at || (current.expires_at && current.expires_at.getTime() <= Date.now())) {
      throw new ApiError('api_key_inactive', 'A revoked or expired API key cannot be rotated.');
    }
    const { key, secret } = await apiKeys.rotate(principal.user.id, current.id, grace);
    await alertSecurity(c, principal.user.id, {
      key: `api-key-rotated:${key.id}`,
      alert: 'api_key_rotated',
      values: { name: key.name, seconds: grace },
      ids: { api_key_id: key.id },
    });
    return json(c, 200, { ...serializeApiKey(key), secret }, NO_STORE);
  },
} satisfies SomeHandlers;
