import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../../src/storage/ids.ts';
import type { Database } from '../../../src/storage/database-schema.ts';

/** An account row for tests that do not go through HTTP (the password is never used). */
export async function insertUser(
  db: Kysely<Database>,
  options: { timezone?: string; phone?: string } = {},
): Promise<{ id: string; email: string }> {
  const id = newId('usr');
  const email = `user-${randomBytes(5).toString('hex')}@example.com`;
  await db
    .insertInto('users')
    .values({
      id,
      email,
      password_hash: 'unused',
      name: 'Test User',
      role: 'user',
      tier_id: 'tier_basic',
      status: 'active',
      timezone: options.timezone ?? 'UTC',
      locale: 'en',
      phone_number: options.phone ?? null,
      suspended_at: null,
    })
    .execute();
  return { id, email };
}
