import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, LedgerKind } from '../storage/database-schema.ts';
import { newId } from '../storage/ids.ts';

import type { LedgerEntryRow } from '../storage/rows.ts';

export type { LedgerEntryRow };

export interface PostEntry {
  userId: string;
  kind: LedgerKind;
  /** Signed cents: negative for a debit. */
  amountCents: number;
  reason?: string | null;
  verificationId?: string | null;
  topUpId?: string | null;
}

/** The wallet cannot pay for a debit; nothing was written. */
export class InsufficientBalanceError extends Error {
  readonly balanceCents: number;
  readonly amountCents: number;
  constructor(balanceCents: number, amountCents: number) {
    super(`balance ${balanceCents} does not cover ${-amountCents}`);
    this.balanceCents = balanceCents;
    this.amountCents = amountCents;
    this.name = 'InsufficientBalanceError';
  }
}

/** A posted entry, with the wallet's `balance.low` threshold as the same statement read it. */
export type PostedLedgerEntry = LedgerEntryRow & { lowBalanceThresholdCents: number };

/**
 * The append-only ledger. Posting moves the wallet balance and appends the entry with `balance_after` in
 * the caller's transaction, in one statement (the wallet UPDATE is a CTE the entry is inserted from); the
 * conditional UPDATE takes the wallet row lock, so concurrent debits are applied one after another and
 * none can take the balance below zero (also a CHECK in the database). The same statement returns the
 * owner's low-balance threshold, so deciding on `balance.low` costs no extra read.
 */
export async function postLedgerEntry(trx: Transaction<Database>, entry: PostEntry): Promise<PostedLedgerEntry> {
  const posted = await trx
    .with('moved', (db) =>
      db
        .updateTable('wallets')
        .set({ balance_cents: sql`balance_cents + ${entry.amountCents}`, updated_at: new Date() })
        .where('user_id', '=', entry.userId)
        .where(sql<boolean>`balance_cents + ${entry.amountCents} >= 0`)
        .returning(['balance_cents', 'currency', 'low_balance_threshold_cents']),
    )
    .with('posted', (db) =>
      db
        .insertInto('ledger_entries')
        .columns(['id', 'user_id', 'kind', 'amount_cents', 'balance_after_cents', 'currency', 'reason', 'verification_id', 'top_up_id'])
        .expression((eb) =>
          eb
            .selectFrom('moved')
            .select([
              sql<string>`${newId('txn')}::text`.as('id'),
              sql<string>`${entry.userId}::text`.as('user_id'),
              sql<string>`${entry.kind}::text`.as('kind'),
              sql<number>`${entry.amountCents}::bigint`.as('amount_cents'),
              'moved.balance_cents',
              'moved.currency',
              sql<string | null>`${entry.reason ?? null}::text`.as('reason'),
              sql<string | null>`${entry.verificationId ?? null}::text`.as('verification_id'),
              sql<string | null>`${entry.topUpId ?? null}::text`.as('top_up_id'),
            ]),
        )
        .returningAll(),
    )
    .selectFrom(['posted', 'moved'])
    .selectAll('posted')
    .select('moved.low_balance_threshold_cents')
    .executeTakeFirst();
  if (posted) {
    const { low_balance_threshold_cents, ...row } = posted;
    return { ...row, lowBalanceThresholdCents: Number(low_balance_threshold_cents) };
  }
  const wallet = await trx.selectFrom('wallets').select('balance_cents').where('user_id', '=', entry.userId).executeTakeFirst();
  if (!wallet) throw new Error(`no wallet for ${entry.userId}`);
  throw new InsufficientBalanceError(wallet.balance_cents, entry.amountCents);
}

/** Reads of the wallet and its ledger. */
export class WalletService {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** The wallet with its pending top-ups and the time of its last entry, in one query. */
  async wallet(userId: string) {
    const row = await this.db
      .selectFrom('wallets')
      .selectAll('wallets')
      .select((eb) => [
        eb
          .selectFrom('top_ups')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('top_ups.user_id', '=', userId)
          .where('status', '=', 'pending')
          .where('expires_at', '>', new Date())
          .as('pending_count'),
        eb
          .selectFrom('top_ups')
          .select(sql<number>`coalesce(sum(amount_cents), 0)::bigint`.as('n'))
          .where('top_ups.user_id', '=', userId)
          .where('status', '=', 'pending')
          .where('expires_at', '>', new Date())
          .as('pending_amount'),
        eb
          .selectFrom('ledger_entries')
          .select('created_at')
          .where('ledger_entries.user_id', '=', userId)
          .orderBy('seq', 'desc')
          .limit(1)
          .as('last_entry_at'),
      ])
      .where('wallets.user_id', '=', userId)
      .executeTakeFirstOrThrow();
    const { pending_count, pending_amount, last_entry_at, ...wallet } = row;
    return {
      wallet,
      pendingCount: Number(pending_count),
      pendingAmount: Number(pending_amount),
      updatedAt: last_entry_at ? new Date(last_entry_at) : null,
    };
  }

  /** Entries newest first; the cursor is an entry id. */
  async ledger(userId: string, page: { limit: number; startingAfter?: string; createdGte?: string; createdLt?: string; type?: string }) {
    let query = this.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('seq', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) {
      const cursor = this.db.selectFrom('ledger_entries').select('seq').where('id', '=', page.startingAfter).where('user_id', '=', userId);
      query = query.where('seq', '<', cursor);
    }
    if (page.createdGte) query = query.where('created_at', '>=', new Date(page.createdGte));
    if (page.createdLt) query = query.where('created_at', '<', new Date(page.createdLt));
    if (page.type) query = query.where('kind', '=', page.type as LedgerKind);
    return query.execute();
  }

  /** Balance and the sum of all entries; equal unless something is badly wrong (checked by tests and health). */
  async reconcile(userId: string): Promise<{ balance: number; ledgerSum: number; entries: number }> {
    const wallet = await this.db.selectFrom('wallets').select('balance_cents').where('user_id', '=', userId).executeTakeFirstOrThrow();
    const sum = await this.db
      .selectFrom('ledger_entries')
      .select([sql<number>`coalesce(sum(amount_cents), 0)::bigint`.as('sum'), sql<number>`count(*)::int`.as('n')])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { balance: wallet.balance_cents, ledgerSum: Number(sum.sum), entries: Number(sum.n) };
  }
}
