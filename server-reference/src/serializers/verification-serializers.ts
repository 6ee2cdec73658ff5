import type { Selectable } from 'kysely';
import type { VerificationRow } from '../storage/rows.ts';
import type { SmsMessagesTable } from '../storage/database-schema.ts';
import { iso, money } from './money.ts';
import type { Schemas } from './wire-models.ts';

/** spec/schemas/verification.yaml */
export const serializeVerification = (v: VerificationRow): Schemas['Verification'] => ({
  id: v.id,
  status: v.status,
  service: v.service,
  country: v.country,
  area_code: v.area_code,
  carrier: v.carrier,
  phone_number: v.phone_number,
  price: money(v.price_cents, v.currency),
  code: v.code,
  sms_count: v.sms_count,
  created_at: iso(v.created_at),
  expires_at: iso(v.expires_at),
  completed_at: iso(v.completed_at),
  cancelled_at: iso(v.cancelled_at),
  refunded: v.refunded,
  refund_reason: v.refund_reason,
  failure_reason: v.failure_reason,
  idempotency_key: v.idempotency_key,
});

/** spec/schemas/sms-message.yaml */
export const serializeSms = (m: Selectable<SmsMessagesTable>): Schemas['SmsMessage'] => ({
  id: m.id,
  verification_id: m.verification_id,
  from: m.sender,
  text: m.text,
  code: m.code,
  received_at: iso(m.received_at),
});
