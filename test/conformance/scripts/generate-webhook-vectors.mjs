#!/usr/bin/env node
// Writes test/conformance/cases/webhooks/*.json: Standard Webhooks vectors computed with the
// `standardwebhooks` npm package (the reference implementation, not our SDK), so every SDK is checked
// against an independent HMAC. Deterministic: fixed secrets, ids and timestamps; run it twice, no diff.
//   pnpm --filter @namaskah/test conformance:webhooks
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases', 'webhooks');

// Fixed test secrets (24 random bytes each, base64): never used anywhere but here.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const OTHER_SECRET = 'whsec_rbV0yM3bGxF2Yp8q5x3Gq1bO1k5lZ0o9';
const TIMESTAMP = 1767225600; // 2026-01-01T00:00:00Z
const MSG_ID = 'msg_2aTl8bPZ3j9kq0VxR1mN5cHs';

const event = {
  id: 'evt_01JGX7W2K9',
  type: 'verification.completed',
  timestamp: '2026-01-01T00:00:00Z',
  sequence: 42,
  data: {
    id: 'ver_01HZX3M8Q4',
    status: 'completed',
    service: 'whatsapp',
    country: 'US',
    area_code: null,
    carrier: null,
    phone_number: '+15555550100',
    price: { amount: 120, currency: 'USD' },
    code: '482913',
    sms_count: 1,
    created_at: '2025-12-31T23:58:40Z',
    expires_at: '2026-01-01T00:18:40Z',
    completed_at: '2026-01-01T00:00:00Z',
    cancelled_at: null,
    refunded: false,
    refund_reason: null,
  },
};
const PAYLOAD = JSON.stringify(event);
// Non-ASCII text: the signature is over the UTF-8 bytes, not over UTF-16 code units.
const UNICODE_PAYLOAD = JSON.stringify({
  id: 'evt_01JGX7W2KA',
  type: 'announcement.published',
  timestamp: '2026-01-01T00:00:00Z',
  sequence: 43,
  data: { id: 'ann_1', title: 'नमस्कार — maintenance 🛠', body: 'Grüße', severity: 'info' },
});

function sign(secret, id, timestamp, payload) {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), payload);
}

/** Runs the reference verifier at `now` (Unix seconds); true when it accepts. Tolerance is its fixed 5 min. */
function referenceAccepts(secret, payload, headers, now) {
  const realNow = Date.now;
  Date.now = () => now * 1000;
  try {
    new Webhook(secret).verify(payload, headers);
    return true;
  } catch {
    return false;
  } finally {
    Date.now = realNow;
  }
}

function headersFor(secret, payload, { id = MSG_ID, timestamp = TIMESTAMP, signature } = {}) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature ?? sign(secret, id, timestamp, payload),
  };
}

const eventChecks = [
  { pointer: '/type', equals: 'verification.completed' },
  { pointer: '/id', equals: event.id },
  { pointer: '/data/code', equals: '482913' },
  { pointer: '/data/price/amount', type: 'integer' },
];

function verifyCase(
  name,
  description,
  { secret = SECRET, payload = PAYLOAD, headers, now = TIMESTAMP, tolerance, valid, reason, checks = eventChecks, reference = true },
) {
  // Cross-check with the reference verifier whenever its fixed 5-minute tolerance applies.
  if (reference && tolerance === undefined && reason !== 'headers') {
    const accepted = referenceAccepts(secret, payload, headers, now);
    if (accepted !== valid) throw new Error(`${name}: standardwebhooks says ${accepted ? 'valid' : 'invalid'}`);
  }
  return {
    name,
    description,
    kind: 'webhook_verify',
    secret,
    payload,
    headers,
    now,
    ...(tolerance === undefined ? {} : { tolerance_seconds: tolerance }),
    expect: valid ? { valid: true, event: { checks } } : { valid: false, reason },
  };
}

const valid = headersFor(SECRET, PAYLOAD);
const rotatedSignature = `${sign(OLD_SECRET, MSG_ID, TIMESTAMP, PAYLOAD)} ${sign(SECRET, MSG_ID, TIMESTAMP, PAYLOAD)}`;
const rotated = headersFor(SECRET, PAYLOAD, { signature: rotatedSignature });
const without = (name) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name));

const verifyCases = [
  verifyCase('valid signature', 'A delivery signed with the endpoint secret, verified at the signing time.', {
    headers: valid,
    valid: true,
  }),
  verifyCase('valid, 4 minutes later', 'Within the default 300 s tolerance.', { headers: valid, now: TIMESTAMP + 240, valid: true }),
  verifyCase('valid, clock 4 minutes behind', 'The tolerance applies both ways (the receiver clock may lag).', {
    headers: valid,
    now: TIMESTAMP - 240,
    valid: true,
  }),
  verifyCase('valid without the whsec_ prefix on the secret', 'The prefix is optional; the key is the base64 part.', {
    secret: SECRET.slice('whsec_'.length),
    headers: valid,
    valid: true,
  }),
  verifyCase('valid with non-ASCII payload', 'The HMAC is over the UTF-8 bytes of the raw body.', {
    payload: UNICODE_PAYLOAD,
    headers: headersFor(SECRET, UNICODE_PAYLOAD),
    valid: true,
    checks: [
      { pointer: '/type', equals: 'announcement.published' },
      { pointer: '/data/title', equals: 'नमस्कार — maintenance 🛠' },
    ],
  }),
  verifyCase('tampered body', 'One character of the body changed after signing (120 -> 121 cents).', {
    payload: PAYLOAD.replace('"amount":120', '"amount":121'),
    headers: valid,
    valid: false,
    reason: 'signature',
  }),
  verifyCase(
    'body re-serialised with whitespace',
    'Parsing and re-serialising the JSON changes the bytes: the signature no longer matches.',
    {
      payload: JSON.stringify(event, null, 2),
      headers: valid,
      valid: false,
      reason: 'signature',
    },
  ),
  verifyCase('tampered webhook-id', 'The id is part of the signed content.', {
    headers: { ...valid, 'webhook-id': 'msg_other' },
    valid: false,
    reason: 'signature',
  }),
  verifyCase('tampered timestamp', 'The timestamp is part of the signed content.', {
    headers: { ...valid, 'webhook-timestamp': String(TIMESTAMP + 1) },
    now: TIMESTAMP + 1,
    valid: false,
    reason: 'signature',
  }),
  verifyCase('signed with another secret', 'A signature made with a different secret.', {
    headers: headersFor(OTHER_SECRET, PAYLOAD),
    valid: false,
    reason: 'signature',
  }),
  verifyCase(
    'expired timestamp beyond tolerance',
    'Signed 10 minutes ago, default tolerance 300 s: refused even though the HMAC matches.',
    {
      headers: valid,
      now: TIMESTAMP + 600,
      valid: false,
      reason: 'timestamp',
    },
  ),
  verifyCase('timestamp too far in the future', 'Signed 10 minutes ahead of the receiver clock.', {
    headers: valid,
    now: TIMESTAMP - 600,
    valid: false,
    reason: 'timestamp',
  }),
  verifyCase('custom tolerance accepts an older delivery', 'Signed 10 minutes ago with a 900 s tolerance configured.', {
    headers: valid,
    now: TIMESTAMP + 600,
    tolerance: 900,
    valid: true,
  }),
  verifyCase('custom tolerance refuses a newer one', 'Signed 2 minutes ago with a 60 s tolerance configured.', {
    headers: valid,
    now: TIMESTAMP + 120,
    tolerance: 60,
    valid: false,
    reason: 'timestamp',
  }),
  verifyCase('non-numeric timestamp', 'webhook-timestamp must be integer Unix seconds.', {
    headers: { ...valid, 'webhook-timestamp': 'yesterday' },
    valid: false,
    reason: 'timestamp',
    reference: false,
  }),
  verifyCase(
    'rotated secret: two signatures, the new secret verifies',
    'During rotation deliveries carry one signature per active secret, space separated.',
    {
      headers: rotated,
      valid: true,
    },
  ),
  verifyCase(
    'rotated secret: two signatures, the old secret verifies',
    'A receiver still configured with the old secret accepts the same delivery.',
    {
      secret: OLD_SECRET,
      headers: rotated,
      valid: true,
    },
  ),
  verifyCase('rotated secret: neither signature matches a third secret', 'Two signatures, neither made with this secret.', {
    secret: OTHER_SECRET,
    headers: rotated,
    valid: false,
    reason: 'signature',
  }),
  verifyCase('unknown signature version only', 'Only v1 signatures are checked; a v2 entry with a valid v1 HMAC is ignored.', {
    headers: { ...valid, 'webhook-signature': valid['webhook-signature'].replace(/^v1,/, 'v2,') },
    valid: false,
    reason: 'signature',
  }),
  verifyCase('missing webhook-id', 'All three headers are required.', { headers: without('webhook-id'), valid: false, reason: 'headers' }),
  verifyCase('missing webhook-timestamp', 'All three headers are required.', {
    headers: without('webhook-timestamp'),
    valid: false,
    reason: 'headers',
  }),
  verifyCase('missing webhook-signature', 'All three headers are required.', {
    headers: without('webhook-signature'),
    valid: false,
    reason: 'headers',
  }),
];

const signCases = [
  { secret: SECRET, msg_id: MSG_ID, timestamp: TIMESTAMP, payload: PAYLOAD, name: 'sign an event' },
  { secret: OLD_SECRET, msg_id: 'msg_second', timestamp: TIMESTAMP + 5, payload: UNICODE_PAYLOAD, name: 'sign a non-ASCII payload' },
  { secret: SECRET, msg_id: 'msg_empty', timestamp: TIMESTAMP, payload: '{}', name: 'sign an empty object' },
].map(({ name, secret, msg_id, timestamp, payload }) => ({
  name,
  description: 'The sign helper with a fixed id and timestamp returns exactly these headers.',
  kind: 'webhook_sign',
  secret,
  payload,
  msg_id,
  timestamp,
  expect: {
    headers: {
      'webhook-id': msg_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(secret, msg_id, timestamp, payload),
    },
  },
}));

function write(file, description, cases) {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  const header = `GENERATED by test/conformance/scripts/generate-webhook-vectors.mjs with standardwebhooks; do not edit. ${description}`;
  writeFileSync(path, `${JSON.stringify({ description: header, cases }, null, 2)}\n`);
  console.log(`wrote ${path} (${cases.length} cases)`);
}

write('verify.json', 'Standard Webhooks verification vectors.', verifyCases);
write('sign.json', 'Standard Webhooks signing vectors.', signCases);
