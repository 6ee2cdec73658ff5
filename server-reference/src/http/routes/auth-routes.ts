import type { SomeHandlers } from '../operation-handler.ts';
import { clientInfo } from '../middleware/authenticate/index.ts';
import { page } from '../../serializers/money.ts';
import { serializeSession, serializeTokens, serializeUser } from '../../serializers/account-serializers.ts';
import { json, pageParams, principalOf } from './respond.ts';
import { problems } from '../../errors/index.ts';
import { alertIfNewAddress } from './security-alerts.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** auth tag: register, login, refresh, logout, sessions. */
export const authRoutes = {
  async registerAccount(c) {
    const { accounts } = c.get('services');
    const { user, tokens } = await accounts.register(c.get('input').body, clientInfo(c));
    return json(c, 201, { user: serializeUser(user), tokens: serializeTokens(tokens) }, { ...NO_STORE, Location: '/v1/me' });
  },

  async logIn(c) {
    const { email, password } = c.get('input').body;
    const { accounts, loginChallenges, secondFactors } = c.get('services');
    const client = clientInfo(c);
    const user = await accounts.checkPassword(email, password, client);
    const challenge = await loginChallenges.issue(user, client);
    if (challenge) {
      return json(
        c,
        200,
        {
          result: 'second_factor_required',
          second_factor_required: true,
          challenge_token: challenge.token,
          methods: challenge.methods,
          sms_phone_hint: challenge.smsPhoneHint,
          expires_at: challenge.expiresAt.toISOString(),
        },
        NO_STORE,
      );
    }
    const tokens = await accounts.openSession(user, client);
    await alertIfNewAddress(c, user.id, tokens.sessionId, client.ip);
    return json(
      c,
      200,
      { result: 'authenticated', user: serializeUser(user, await secondFactors.enabledMethods(user.id)), tokens: serializeTokens(tokens) },
      NO_STORE,
    );
  },

  async logInWithSecondFactor(c) {
    const { challenge_token: token, method, code } = c.get('input').body;
    const { loginChallenges, secondFactors } = c.get('services');
    const client = clientInfo(c);
    const { user, tokens } = await loginChallenges.complete(token, method, code, client);
    await alertIfNewAddress(c, user.id, tokens.sessionId, client.ip);
    return json(
      c,
      200,
      { result: 'authenticated', user: serializeUser(user, await secondFactors.enabledMethods(user.id)), tokens: serializeTokens(tokens) },
      NO_STORE,
    );
  },

  async refreshTokens(c) {
    const tokens = await c.get('services').accounts.refresh(c.get('input').body.refresh_token, clientInfo(c));
    return json(c, 200, serializeTokens(tokens), NO_STORE);
  },

  async logOut(c) {
    const principal = principalOf(c);
    if (principal.kind !== 'session') throw problems.forbidden('Only a session can log out.');
    await c.get('services').accounts.revokeSession(principal.user.id, principal.sessionId, 'logout');
    return c.body(null, 204);
  },

  async listSessions(c) {
    const principal = principalOf(c);
    const params = pageParams(c);
    const rows = await c.get('services').accounts.listSessions(principal.user.id, params);
    const current = principal.kind === 'session' ? principal.sessionId : null;
    return json(
      c,
      200,
      page(
        rows,
        params.limit,
        (s) => s.id,
        (s) => serializeSession(s, current),
      ),
    );
  },

  async revokeSession(c) {
    const principal = principalOf(c);
    await c.get('services').accounts.revokeSession(principal.user.id, c.get('input').path.session_id);
    return c.body(null, 204);
  },
} satisfies SomeHandlers;
