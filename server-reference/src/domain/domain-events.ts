import type { Selectable, Transaction } from 'kysely';
import { appendEvents, type NewEvent } from '../storage/events/append-event.ts';
import { serializeSms, serializeVerification } from '../serializers/verification-serializers.ts';
import { serializeLedgerEntry } from '../serializers/wallet-serializers.ts';
import type { Database, SmsMessagesTable, VerificationsTable } from '../storage/database-schema.ts';
import type { PostedLedgerEntry } from './wallet-ledger.ts';

/**
 * The events one ledger entry stands for (spec/schemas/events/): a debit is `credit.deducted` (plus
 * `balance.low` when it takes the balance from at or above the owner's threshold to below it), a refund
 * is `refund.issued`, any other credit `balance.credited`. The payload is the entry as the ledger API
 * serializes it.
 */
export function ledgerEvents(entry: PostedLedgerEntry): NewEvent[] {
  const data = serializeLedgerEntry(entry);
  const userId = entry.user_id;
  if (entry.amount_cents < 0) {
    const events: NewEvent[] = [{ userId, type: 'credit.deducted', data }];
    const threshold = entry.lowBalanceThresholdCents;
    const before = entry.balance_after_cents - entry.amount_cents;
    if (before >= threshold && entry.balance_after_cents < threshold) {
      events.push({
        userId,
        type: 'balance.low',
        data: { balance: data.balance_after, threshold: { amount: threshold, currency: entry.currency } },
      });
    }
    return events;
  }
  return [{ userId, type: entry.kind === 'refund' ? 'refund.issued' : 'balance.credited', data }];
}

type VerificationRow = Selectable<VerificationsTable>;

/** `verification.<status>` with the verification as `GET /v1/verifications/{id}` returns it. */
export function verificationEvent(
  row: VerificationRow,
  type: 'verification.created' | 'verification.completed' | 'verification.failed' | 'verification.cancelled' | 'verification.expired',
): NewEvent {
  return { userId: row.user_id, type, data: serializeVerification(row) };
}

/** `sms.received`: the stored message and the verification's code after it (spec/schemas/events/sms-received.yaml). */
export function smsReceivedEvent(row: VerificationRow, message: Selectable<SmsMessagesTable>): NewEvent {
  return { userId: row.user_id, type: 'sms.received', data: { verification_id: row.id, message: serializeSms(message), code: row.code } };
}

/**
 * Writes events in the caller's transaction (the transactional outbox, DESIGN.md §5): a thin alias of
 * `appendEvents` that reads as what the domain means.
 */
export async function recordEvents(trx: Transaction<Database>, events: NewEvent[]): Promise<void> {
  await appendEvents(trx, events);
}
