import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RealtimeSubject } from './realtime-auth.ts';
import type { Database } from '../storage/database-schema.ts';

const hash = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

/**
 * Single-use WebSocket tickets. Only a hash is stored, so the table leaks nothing usable; redeeming is one
 * conditional UPDATE, so of two connections racing with the same ticket exactly one wins.
 */
export class RealtimeTickets {
  readonly #db: Kysely<Database>;

  private readonly ttlMs: number;
  constructor(db: Kysely<Database>, ttlMs: number) {
    this.ttlMs = ttlMs;
    this.#db = db;
  }

  /** A new ticket for `subject`, valid once within the TTL. */
  async issue(subject: RealtimeSubject, now = new Date()): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = `rtt_${randomBytes(20).toString('hex')}`;
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.#db
      .insertInto('realtime_tickets')
      .values({
        ticket_hash: hash(ticket),
        user_id: subject.userId,
        session_id: subject.sessionId,
        api_key_id: subject.apiKeyId,
        expires_at: expiresAt,
      })
      .execute();
    return { ticket, expiresAt };
  }

  /** The subject of an unused, unexpired ticket, marking it used; null otherwise. */
  async redeem(ticket: string, now = new Date()): Promise<RealtimeSubject | null> {
    const row = await this.#db
      .updateTable('realtime_tickets')
      .set({ used_at: now })
      .where('ticket_hash', '=', hash(ticket))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id', 'session_id', 'api_key_id'])
      .executeTakeFirst();
    return row ? { userId: row.user_id, sessionId: row.session_id, apiKeyId: row.api_key_id } : null;
  }
}
