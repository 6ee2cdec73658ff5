import type { SomeHandlers } from '../operation-handler.ts';
import { clientInfo } from '../middleware/authenticate/index.ts';
import { problems } from '../../errors/index.ts';
import { serializeApiKey } from '../../serializers/api-key-serializers.ts';
import { serializeUser } from '../../serializers/account-serializers.ts';
import { json, principalOf } from './respond.ts';
import { alertSecurity } from './security-alerts.ts';

/** me tag: profile, password, and the API key making the call. */
export const meRoutes = {
  async getMe(c) {
    const user = principalOf(c).user;
    return json(c, 200, serializeUser(user, await c.get('services').secondFactors.enabledMethods(user.id)));
  },

  async getCurrentApiKey(c) {
    const principal = principalOf(c);
    // the spec lets only API keys in, but an OAuth grant passes wherever a key may go: it is not a key
    if (principal.kind !== 'api_key') throw problems.forbidden('Only an API key can read itself; this is an access token.');
    return json(c, 200, serializeApiKey(await c.get('services').apiKeys.get(principal.user.id, principal.apiKeyId)));
  },

  async updateMe(c) {
    const principal = principalOf(c);
    const body = c.get('input').body as { name?: string; timezone?: string; locale?: string; phone_number?: string | null };
    const user = await c
      .get('services')
      .db.updateTable('users')
      .set({ ...body, updated_at: new Date() })
      .where('id', '=', principal.user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return json(c, 200, serializeUser(user, await c.get('services').secondFactors.enabledMethods(user.id)));
  },

  async changePassword(c) {
    const principal = principalOf(c);
    const { current_password, new_password } = c.get('input').body;
    const sessionId = principal.kind === 'session' ? principal.sessionId : null;
    await c.get('services').accounts.changePassword(principal.user, sessionId, current_password, new_password, clientInfo(c));
    await alertSecurity(c, principal.user.id, {
      key: `password-changed:${Date.now()}`,
      alert: 'password_changed',
    });
    return c.body(null, 204);
  },
} satisfies SomeHandlers;
