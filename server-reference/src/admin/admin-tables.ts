import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/database-schema.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Singleton row of migration 0800: absent while the configuration's defaults are in force. */
export interface PricingSettingsTable {
  id: Generated<boolean>;
  default_markup_bps: number;
  area_code_surcharge_cents: number;
  carrier_surcharge_cents: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface PriceOverridesTable {
  id: string;
  service: string;
  country: string;
  tier_id: string | null;
  mode: 'fixed_price' | 'markup';
  price_cents: number | null;
  markup_bps: number | null;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface ProviderSettingsTable {
  provider: string;
  id: string;
  enabled: boolean;
  priority: number;
  last_error_code: 'provider_error' | 'provider_unavailable' | null;
  last_error_message: string | null;
  last_error_at: Timestamp | null;
  updated_at: GeneratedTimestamp;
}

export interface ManualRefundsTable {
  ledger_entry_id: string;
  verification_id: string;
  refunded_by: string;
  admin_reason: string;
  created_at: GeneratedTimestamp;
}

export interface AnnouncementsTable {
  id: string;
  title: string;
  body: string;
  severity: 'info' | 'warning' | 'critical';
  audience: string;
  recipient_count: number;
  published_by: string;
  published_at: Timestamp;
  expires_at: Timestamp | null;
}

export interface ErrorLogTable {
  id: string;
  request_id: string;
  method: string;
  path: string;
  status: number;
  code: string;
  message: string;
  stack: string | null;
  user_id: string | null;
  created_at: GeneratedTimestamp;
}

/** The core schema plus the columns and tables of migration 0800. */
export interface AdminDatabase extends Omit<Database, 'users' | 'tiers'> {
  users: Database['users'] & { suspension_reason: string | null };
  tiers: Database['tiers'] & { discount_bps: ColumnType<number, number | undefined, number> };
  pricing_settings: PricingSettingsTable;
  price_overrides: PriceOverridesTable;
  provider_settings: ProviderSettingsTable;
  manual_refunds: ManualRefundsTable;
  announcements: AnnouncementsTable;
  error_log: ErrorLogTable;
}

export type AdminDb = Kysely<AdminDatabase>;
export type AdminTrx = Transaction<AdminDatabase>;

/** The platform database seen with the admin tables (same connection, wider types). */
export const adminDb = (db: Kysely<Database>): AdminDb => db as unknown as AdminDb;
