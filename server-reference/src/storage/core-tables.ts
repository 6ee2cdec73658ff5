import type { ColumnType, Generated } from 'kysely';
import type {
  ApiKeyEnvironment,
  AuditLogEntryActorRole,
  LedgerEntryType,
  SecondFactorMethod,
  TopUpStatus,
  UserRole,
  UserStatus,
  VerificationRefundReason,
  VerificationStatus,
} from '../contract/index.ts';

/** Kysely table types. Money columns are integer cents (bigint, parsed to JS numbers). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TiersTable {
  id: string;
  name: string;
  discount_percent: number;
  /** Migration 0800; filled from `discount_percent` by a trigger when an insert leaves it out. */
  discount_bps: ColumnType<number, number | undefined, number>;
  rate_limit_per_minute: number;
  /** Migration 1750: the most `pending` verifications an account of the tier may hold; null for no cap. */
  max_active_verifications: ColumnType<number | null, number | null | undefined, number | null>;
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
  role: UserRole;
  tier_id: string;
  status: UserStatus;
  timezone: Generated<string>;
  locale: Generated<string>;
  phone_number: string | null;
  suspended_at: Timestamp | null;
  /** Migration 0800. */
  suspension_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface WalletsTable {
  user_id: string;
  balance_cents: number;
  currency: string;
  updated_at: GeneratedTimestamp;
  /** Migration 1750: the owner's `balance.low` threshold and automatic top-up settings. */
  low_balance_threshold_cents: Generated<number>;
  auto_top_up_enabled: Generated<boolean>;
  auto_top_up_amount_cents: ColumnType<number | null, number | null | undefined, number | null>;
  auto_top_up_period: Generated<AutoTopUpPeriod>;
  auto_top_up_last_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type AutoTopUpPeriod = 'hour' | 'day';

/** Migration 1750: one automatic top-up per user and UTC calendar period, started by one `balance.low`. */
export interface AutoTopUpsTable {
  user_id: string;
  period_start: Timestamp;
  trigger_event_id: string;
  /** Null only inside the transaction that claims the period (it inserts the top-up next). */
  top_up_id: string | null;
  created_at: GeneratedTimestamp;
}

export type LedgerKind = LedgerEntryType;

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
  /** Scopes of an OAuth grant (`client_id` set); null for a password session, which has every right. */
  scopes: ColumnType<string[] | null, string | null | undefined, string | null>;
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
  environment: ApiKeyEnvironment;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  previous_secret_hash: string | null;
  previous_secret_expires_at: Timestamp | null;
}

export type { VerificationStatus };

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
  refund_reason: VerificationRefundReason | null;
  failure_reason: string | null;
  idempotency_key: string | null;
  reported_at: Timestamp | null;
  report_reason: string | null;
  /** When the owner last asked for another code on the held number; cleared when it arrives. */
  another_code_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  status: TopUpStatus;
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

export interface AuditLogTable {
  id: string;
  seq: Generated<number>;
  actor_user_id: string | null;
  actor_role: AuditLogEntryActorRole;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  metadata: ColumnType<Record<string, unknown>, string, never>;
  created_at: GeneratedTimestamp;
}

export interface SecondFactorsTable {
  user_id: string;
  totp_secret_sealed: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: Generated<number>;
  pending_totp_secret_sealed: string | null;
  pending_totp_expires_at: Timestamp | null;
  pending_totp_attempts: Generated<number>;
  sms_phone: string | null;
  sms_enabled_at: Timestamp | null;
  pending_sms_phone: string | null;
  pending_sms_code_hash: string | null;
  pending_sms_expires_at: Timestamp | null;
  pending_sms_attempts: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface SecondFactorSmsSendsTable {
  id: Generated<number>;
  user_id: string;
  purpose: 'enrolment' | 'login';
  sent_at: GeneratedTimestamp;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: GeneratedTimestamp;
  used_at: Timestamp | null;
}

export interface LoginChallengesTable {
  token_hash: string;
  user_id: string;
  methods: ColumnType<SecondFactorMethod[], string, string>;
  sms_code_hash: string | null;
  attempts: Generated<number>;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface IpAllowlistEntriesTable {
  id: string;
  user_id: string;
  cidr: string;
  label: string | null;
  created_at: GeneratedTimestamp;
}

export interface OAuthClientsTable {
  id: string;
  name: string;
  redirect_uris: ColumnType<string[], string, string>;
  allowed_scopes: ColumnType<string[], string, string>;
  enabled: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface OAuthAuthorizationCodesTable {
  code_hash: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  code_challenge: string;
  scopes: ColumnType<string[], string, string>;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  session_id: string | null;
}

export interface SyncChangesTable {
  object: 'verification' | 'ledger_entry' | 'notification';
  object_id: string;
  user_id: string;
  /** xid8, read as a decimal string. */
  txid: string;
  seq: number;
  deleted_at: Timestamp | null;
  changed_at: GeneratedTimestamp;
}

export interface UnmatchedSmsTable {
  provider_id: string;
  provider_ref: string;
  provider_message_id: string;
  sender: string | null;
  text: string;
  parsed_code: string | null;
  received_at: Timestamp;
  created_at: GeneratedTimestamp;
}

/** The tables of the core (accounts, wallet, verifications, security, sync): migrations 0001 and 0700-0740. */
export interface CoreTables {
  unmatched_sms: UnmatchedSmsTable;
  audit_log: AuditLogTable;
  second_factors: SecondFactorsTable;
  second_factor_sms_sends: SecondFactorSmsSendsTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  ip_allowlist_entries: IpAllowlistEntriesTable;
  oauth_clients: OAuthClientsTable;
  oauth_authorization_codes: OAuthAuthorizationCodesTable;
  sync_changes: SyncChangesTable;
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
  auto_top_ups: AutoTopUpsTable;
  payment_events: PaymentEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
