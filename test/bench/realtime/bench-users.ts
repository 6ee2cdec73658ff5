import type { Kysely } from 'kysely';
import type { AccessTokens } from '../../../server-reference/src/domain/access-tokens.ts';
import type { Database } from '../../../server-reference/src/storage/database-schema.ts';
import { newId } from '../../../server-reference/src/storage/ids.ts';

/**
 * `count` users with live sessions and access tokens, written straight in the tables in batches of 500
 * (registering thousands through the API would measure password hashing, not the benchmark).
 */
export async function insertBenchUsers(
  db: Kysely<Database>,
  tokens: AccessTokens,
  count: number,
): Promise<Array<{ userId: string; token: string }>> {
  const out: Array<{ userId: string; token: string }> = [];
  const expires = new Date(Date.now() + 3600_000);
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, () => ({ userId: newId('usr'), sessionId: newId('ses') }));
    await db
      .insertInto('users')
      .values(
        batch.map((b) => ({
          id: b.userId,
          email: `${b.userId}@bench.test`,
          password_hash: 'x',
          role: 'user' as const,
          tier_id: 'tier_basic',
          status: 'active' as const,
        })),
      )
      .execute();
    await db
      .insertInto('sessions')
      .values(
        batch.map((b) => ({ id: b.sessionId, user_id: b.userId, ip: '127.0.0.1', user_agent: null, client_id: null, expires_at: expires })),
      )
      .execute();
    for (const b of batch) out.push({ userId: b.userId, token: await tokens.sign({ userId: b.userId, sessionId: b.sessionId }) });
  }
  return out;
}
