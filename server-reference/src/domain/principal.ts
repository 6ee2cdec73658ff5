import type { TierRow, UserRow } from '../storage/rows.ts';

export type { TierRow, UserRow };

/** Who is making a request: a person with a session, or a program with an API key. */
export type Principal =
  | { kind: 'session'; user: UserRow; tier: TierRow; sessionId: string }
  | { kind: 'api_key'; user: UserRow; tier: TierRow; apiKeyId: string; scopes: string[] }
  | { kind: 'oauth'; user: UserRow; tier: TierRow; sessionId: string; clientId: string; scopes: string[] };

/** Where a request comes from, as recorded on sessions. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}
