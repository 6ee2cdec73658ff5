import type { Kysely } from 'kysely';
import type { LedgerKind, Database } from '../../storage/database-schema.ts';

export interface MoneyFilters {
  limit: number;
  startingAfter?: string;
  createdGte?: string;
  createdLt?: string;
  userId?: string;
}

/** Reads of every account's ledger, verifications and refunds for the admin views; newest first. */
export class AdminMoneyViews {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async transactions(filters: MoneyFilters & { type?: string }) {
    let query = this.db
      .selectFrom('ledger_entries')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(filters.limit + 1);
    if (filters.startingAfter)
      query = query.where('seq', '<', this.db.selectFrom('ledger_entries').select('seq').where('id', '=', filters.startingAfter));
    if (filters.createdGte) query = query.where('created_at', '>=', new Date(filters.createdGte));
    if (filters.createdLt) query = query.where('created_at', '<', new Date(filters.createdLt));
    if (filters.userId) query = query.where('user_id', '=', filters.userId);
    if (filters.type) query = query.where('kind', '=', filters.type as LedgerKind);
    return query.execute();
  }

  async refunds(filters: MoneyFilters & { reason?: string }) {
    let query = this.db
      .selectFrom('ledger_entries')
      .innerJoin('verifications', 'verifications.id', 'ledger_entries.verification_id')
      .leftJoin('manual_refunds', 'manual_refunds.ledger_entry_id', 'ledger_entries.id')
      .selectAll('ledger_entries')
      .select(['manual_refunds.refunded_by', 'manual_refunds.admin_reason'])
      .where('ledger_entries.kind', '=', 'refund')
      .orderBy('ledger_entries.seq', 'desc')
      .limit(filters.limit + 1);
    if (filters.startingAfter)
      query = query.where(
        'ledger_entries.seq',
        '<',
        this.db.selectFrom('ledger_entries').select('seq').where('id', '=', filters.startingAfter),
      );
    if (filters.createdGte) query = query.where('ledger_entries.created_at', '>=', new Date(filters.createdGte));
    if (filters.createdLt) query = query.where('ledger_entries.created_at', '<', new Date(filters.createdLt));
    if (filters.userId) query = query.where('ledger_entries.user_id', '=', filters.userId);
    if (filters.reason) query = query.where('ledger_entries.reason', '=', filters.reason);
    const rows = await query.execute();
    const ids = rows.map((r) => r.verification_id!).filter(Boolean);
    const verifications = ids.length ? await this.db.selectFrom('verifications').selectAll().where('id', 'in', ids).execute() : [];
    const byId = new Map(verifications.map((v) => [v.id, v]));
    return rows.map((row) => ({
      entry: row,
      verification: byId.get(row.verification_id!)!,
      refundedBy: row.refunded_by,
      adminReason: row.admin_reason,
    }));
  }

  /** One refund by its ledger entry id, with its verification and manual-refund record. */
  async refundOf(ledgerEntryId: string) {
    const entry = await this.db.selectFrom('ledger_entries').selectAll().where('id', '=', ledgerEntryId).executeTakeFirstOrThrow();
    const verification = await this.db
      .selectFrom('verifications')
      .selectAll()
      .where('id', '=', entry.verification_id!)
      .executeTakeFirstOrThrow();
    const manual = await this.db.selectFrom('manual_refunds').selectAll().where('ledger_entry_id', '=', ledgerEntryId).executeTakeFirst();
    return { entry, verification, refundedBy: manual?.refunded_by ?? null, adminReason: manual?.admin_reason ?? null };
  }

  /** One verification of any account, or undefined. */
  async verification(id: string) {
    return this.db.selectFrom('verifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async verifications(filters: MoneyFilters & { status?: string; service?: string; country?: string; provider?: string }) {
    let query = this.db
      .selectFrom('verifications')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filters.limit + 1);
    if (filters.startingAfter) {
      const cursor = await this.db
        .selectFrom('verifications')
        .select(['created_at', 'id'])
        .where('id', '=', filters.startingAfter)
        .executeTakeFirst();
      if (cursor)
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]),
        );
    }
    if (filters.createdGte) query = query.where('created_at', '>=', new Date(filters.createdGte));
    if (filters.createdLt) query = query.where('created_at', '<', new Date(filters.createdLt));
    if (filters.userId) query = query.where('user_id', '=', filters.userId);
    if (filters.status) query = query.where('status', '=', filters.status as 'pending');
    if (filters.service) query = query.where('service', '=', filters.service);
    if (filters.country) query = query.where('country', '=', filters.country);
    if (filters.provider) query = query.where('provider_id', '=', filters.provider);
    return query.execute();
  }
}
