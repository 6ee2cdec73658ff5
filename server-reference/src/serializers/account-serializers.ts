import type { Selectable } from 'kysely';
import type { IssuedTokens } from './domain-shapes.ts';
import type { UserRow } from '../storage/rows.ts';
import type { SessionsTable } from '../storage/database-schema.ts';
import { iso } from './money.ts';
import type { Schemas } from './wire-models.ts';

/** spec/schemas/user.yaml; `factors` are the enabled second factors. */
export const serializeUser = (user: UserRow, factors: Array<'totp' | 'sms'> = []): Schemas['User'] => ({
  id: user.id,
  email: user.email,
  name: user.name ?? user.email,
  role: user.role,
  tier: user.tier_id,
  status: user.status,
  timezone: user.timezone,
  locale: user.locale,
  phone_number: user.phone_number,
  two_factor: { enabled: factors.length > 0, methods: factors },
  created_at: iso(user.created_at),
  suspended_at: iso(user.suspended_at),
});

/** spec/schemas/token-pair.yaml */
export const serializeTokens = (tokens: IssuedTokens): Schemas['TokenPair'] => ({
  access_token: tokens.accessToken,
  token_type: 'Bearer',
  expires_in: tokens.expiresIn,
  refresh_token: tokens.refreshToken,
  refresh_token_expires_in: tokens.refreshTokenExpiresIn,
  session_id: tokens.sessionId,
});

/** spec/schemas/session.yaml */
export const serializeSession = (session: Selectable<SessionsTable>, currentSessionId: string | null): Schemas['Session'] => ({
  id: session.id,
  ip: session.ip,
  user_agent: session.user_agent,
  client_id: session.client_id,
  created_at: iso(session.created_at),
  last_used_at: iso(session.last_used_at),
  expires_at: iso(session.expires_at),
  current: session.id === currentSessionId,
});
