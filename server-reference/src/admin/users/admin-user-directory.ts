import { sql, type Selectable, type Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';

/** An account with what the admin views add: balance, verification count, last sign-in. */
export type AdminUserRow = Selectable<Database['users']> & {
  balance_cents: number;
  currency: string;
  verification_count: number;
  last_login_at: Date | null;
};

export interface UserFilters {
  limit: number;
  startingAfter?: string;
  createdGte?: string;
  createdLt?: string;
  q?: string;
  role?: string;
  tier?: string;
  status?: string;
}

/** `%`, `_` and `\` match themselves in a search. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Reads of every account for the admin views. Ids are ULIDs, so id order is creation order. */
export class AdminUserDirectory {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  #base(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('users')
      .leftJoin('wallets', 'wallets.user_id', 'users.id')
      .selectAll('users')
      .select([
        sql<number>`coalesce(wallets.balance_cents, 0)`.as('balance_cents'),
        sql<string>`coalesce(wallets.currency, 'USD')`.as('currency'),
        (eb) =>
          eb
            .selectFrom('verifications')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('verifications.user_id', '=', 'users.id')
            .as('verification_count'),
        (eb) =>
          eb
            .selectFrom('sessions')
            .select(sql<Date>`max(sessions.created_at)`.as('at'))
            .whereRef('sessions.user_id', '=', 'users.id')
            .as('last_login_at'),
      ]);
  }

  async get(id: string, db?: Kysely<Database>): Promise<AdminUserRow | undefined> {
    return (await this.#base(db).where('users.id', '=', id).executeTakeFirst()) as AdminUserRow | undefined;
  }

  async list(filters: UserFilters): Promise<AdminUserRow[]> {
    let query = this.#base()
      .orderBy('users.id', 'desc')
      .limit(filters.limit + 1);
    if (filters.startingAfter) query = query.where('users.id', '<', filters.startingAfter);
    if (filters.createdGte) query = query.where('users.created_at', '>=', new Date(filters.createdGte));
    if (filters.createdLt) query = query.where('users.created_at', '<', new Date(filters.createdLt));
    if (filters.role) query = query.where('users.role', '=', filters.role as 'user');
    if (filters.tier) query = query.where('users.tier_id', '=', filters.tier);
    if (filters.status) query = query.where('users.status', '=', filters.status as 'active');
    if (filters.q) {
      const pattern = likePattern(filters.q);
      query = query.where((eb) =>
        eb.or([eb('users.email', 'ilike', pattern), eb('users.name', 'ilike', pattern), eb('users.id', '=', filters.q!)]),
      );
    }
    return (await query.execute()) as AdminUserRow[];
  }
}
