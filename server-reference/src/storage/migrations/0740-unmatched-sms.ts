import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * SMS a provider pushed for a rental whose number is not stored on its verification yet (the push won
 * the race against the end of the purchase). They wait here until the purchase stores the rental, which
 * applies them in the same transaction; see VerificationService.receiveSms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE unmatched_sms (
      provider_id text NOT NULL,
      provider_ref text NOT NULL,
      provider_message_id text NOT NULL,
      sender text,
      text text NOT NULL,
      parsed_code text,
      received_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider_id, provider_ref, provider_message_id)
    );
    CREATE INDEX unmatched_sms_created ON unmatched_sms (created_at);
  `,
  );
}
