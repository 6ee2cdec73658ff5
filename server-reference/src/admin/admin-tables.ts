import type { ColumnType, Generated } from 'kysely';

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

/** The tables of migration 0800 (its new columns of `users` and `tiers` are in the core's tables). */
export interface AdminTables {
  pricing_settings: PricingSettingsTable;
  price_overrides: PriceOverridesTable;
  provider_settings: ProviderSettingsTable;
  manual_refunds: ManualRefundsTable;
  announcements: AnnouncementsTable;
  error_log: ErrorLogTable;
}
