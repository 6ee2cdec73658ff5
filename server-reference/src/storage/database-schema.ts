import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. Money columns are integer cents (bigint, parsed to JS numbers). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TiersTable {
  id: string;
  name: string;
  discount_percent: number;
  rate_limit_per_minute: number;
  features: ColumnType<TierFeatures, string, string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TierFeatures {
  area_code_selection: boolean;
  api_access: boolean;
  webhooks: boolean;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  name: string | null;
  role: 'user' | 'support' | 'admin';
  tier_id: string;
  status: 'active' | 'suspended';
  timezone: Generated<string>;
  locale: Generated<string>;
  phone_number: string | null;
  suspended_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface WalletsTable {
  user_id: string;
  balance_cents: number;
  currency: string;
  updated_at: GeneratedTimestamp;
}

export type LedgerKind = 'top_up' | 'purchase' | 'refund' | 'adjustment';

export interface LedgerEntriesTable {
  id: string;
  seq: Generated<number>;
  user_id: string;
  kind: LedgerKind;
  amount_cents: number;
  balance_after_cents: number;
  currency: string;
  reason: string | null;
  verification_id: string | null;
  top_up_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  user_agent: string | null;
  ip: string;
  client_id: string | null;
  created_at: GeneratedTimestamp;
  last_used_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: ColumnType<string[], string, string>;
  allowed_ips: ColumnType<string[], string, string>;
  environment: 'live' | 'test';
  created_at: GeneratedTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  previous_secret_hash: string | null;
  previous_secret_expires_at: Timestamp | null;
}

export type VerificationStatus = 'pending' | 'completed' | 'cancelled' | 'expired' | 'failed';

export interface VerificationsTable {
  id: string;
  user_id: string;
  status: VerificationStatus;
  service: string;
  country: string;
  area_code: string | null;
  carrier: string | null;
  phone_number: string | null;
  provider_id: string;
  provider_ref: string | null;
  price_cents: number;
  cost_cents: number;
  currency: string;
  code: string | null;
  sms_count: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  refunded: Generated<boolean>;
  refund_reason: 'cancelled' | 'expired' | 'failed' | 'manual' | null;
  failure_reason: string | null;
  idempotency_key: string | null;
  reported_at: Timestamp | null;
  report_reason: string | null;
}

export interface SmsMessagesTable {
  id: string;
  verification_id: string;
  provider_message_id: string;
  sender: string | null;
  text: string;
  code: string | null;
  received_at: Timestamp;
  created_at: GeneratedTimestamp;
}

export interface TopUpsTable {
  id: string;
  user_id: string;
  amount_cents: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed' | 'expired';
  provider: string;
  provider_reference: string | null;
  checkout_url: string;
  return_url: string | null;
  failure_reason: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface PaymentEventsTable {
  provider: string;
  event_id: string;
  top_up_id: string;
  received_at: GeneratedTimestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
  response_body: string | null;
  created_at: GeneratedTimestamp;
  locked_until: Timestamp;
}

export interface PriceQuotesTable {
  id: string;
  user_id: string;
  tier_id: string;
  service: string;
  country: string;
  area_code: string | null;
  carrier: string | null;
  price_cents: number;
  breakdown: ColumnType<unknown, string, string>;
  quoted_at: Timestamp;
  valid_until: Timestamp;
}

export interface Database {
  price_quotes: PriceQuotesTable;
  tiers: TiersTable;
  users: UsersTable;
  wallets: WalletsTable;
  ledger_entries: LedgerEntriesTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  verifications: VerificationsTable;
  sms_messages: SmsMessagesTable;
  top_ups: TopUpsTable;
  payment_events: PaymentEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
