import type { Kysely } from 'kysely';
import type { Database, TierFeatures } from '../storage/database-schema.ts';
import { hashPassword } from './passwords.ts';
import { newId } from '../storage/ids.ts';
import { postLedgerEntry } from './wallet-ledger.ts';

/** The three tiers every installation has. */
const DEFAULT_TIERS: Array<{
  id: string;
  name: string;
  discount_percent: number;
  rate_limit_per_minute: number;
  /** Pending verifications an account may hold at once (migration 1750 gives existing tiers the same). */
  max_active_verifications: number | null;
  features: TierFeatures;
}> = [
  {
    id: 'tier_basic',
    name: 'basic',
    discount_percent: 0,
    rate_limit_per_minute: 120,
    max_active_verifications: 50,
    features: { area_code_selection: false, api_access: true, webhooks: false },
  },
  {
    id: 'tier_pro',
    name: 'pro',
    discount_percent: 10,
    rate_limit_per_minute: 600,
    max_active_verifications: 200,
    features: { area_code_selection: true, api_access: true, webhooks: true },
  },
  {
    id: 'tier_enterprise',
    name: 'enterprise',
    discount_percent: 20,
    rate_limit_per_minute: 3000,
    max_active_verifications: null,
    features: { area_code_selection: true, api_access: true, webhooks: true },
  },
];

/** Inserts the default tiers unless they exist (idempotent; run at every start). */
export async function seedTiers(db: Kysely<Database>): Promise<void> {
  for (const tier of DEFAULT_TIERS) {
    await db
      .insertInto('tiers')
      .values({ ...tier, features: JSON.stringify(tier.features) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

export interface DemoAccount {
  email: string;
  password: string;
  role: 'user' | 'admin';
}

/** The demo accounts `seed` creates; the credentials are printed at start so people can log in. */
const DEMO_ACCOUNTS: Array<DemoAccount & { name: string; tierId: string; balanceCents: number }> = [
  { email: 'demo@namaskah.dev', password: 'demo-password-123', role: 'user', name: 'Demo User', tierId: 'tier_pro', balanceCents: 5000 },
  { email: 'admin@namaskah.dev', password: 'admin-password-123', role: 'admin', name: 'Admin', tierId: 'tier_enterprise', balanceCents: 0 },
];

/**
 * Creates the demo user (with a funded wallet, through an `adjustment` ledger entry so the ledger still
 * sums to the balance) and the admin, unless they exist.
 */
export async function seedDemoData(db: Kysely<Database>): Promise<DemoAccount[]> {
  await seedTiers(db);
  for (const account of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirst();
    if (exists) continue;
    const passwordHash = await hashPassword(account.password);
    await db.transaction().execute(async (trx) => {
      const id = newId('usr');
      await trx
        .insertInto('users')
        .values({
          id,
          email: account.email,
          password_hash: passwordHash,
          name: account.name,
          role: account.role,
          tier_id: account.tierId,
          status: 'active',
          phone_number: null,
          suspended_at: null,
        })
        .execute();
      await trx.insertInto('wallets').values({ user_id: id, balance_cents: 0, currency: 'USD' }).execute();
      if (account.balanceCents > 0) {
        await postLedgerEntry(trx, { userId: id, kind: 'adjustment', amountCents: account.balanceCents, reason: 'demo credit' });
      }
    });
  }
  return DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }));
}
