import { sql, type Kysely } from 'kysely';

/**
 * Provider failover (issue 17, item 4): the route a purchase took, as the providers it tried in order and
 * how each answered (spec ProviderAttempt). Written with the statements the purchase already makes, so a
 * purchase the first route serves costs no extra statement; rows bought before this migration have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE verifications ADD COLUMN provider_attempts jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db);
}
