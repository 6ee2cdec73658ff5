#!/usr/bin/env node
// Writes docs/troubleshooting.md from the contract: every problem code of the catalogue
// (spec/schemas/error-code.yaml, bundled as ErrorCode in spec/dist/openapi.json) with its HTTP status, what
// the operations that answer it say about it, an example detail, whether the SDKs retry it, and which
// operations can return it. The "what to do" lines are ours, keyed by code; a code without one gets the rule
// for its status.
//   node scripts/gen-troubleshooting.mjs          write the page
//   node scripts/gen-troubleshooting.mjs --check  exit 1 when the page differs from a fresh run (docs test)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'docs/troubleshooting.md');
const spec = JSON.parse(readFileSync(join(root, 'spec/dist/openapi.json'), 'utf8'));
const catalogue = spec.components.schemas.ErrorCode.enum;

/** What a caller should do about a code, when more can be said than its status's rule. */
const FIXES = {
  malformed_request: 'Send valid JSON with `Content-Type: application/json`; the `detail` names what could not be read.',
  invalid_signature: 'A payment-provider callback whose signature does not match: check the provider secret the server is configured with.',
  unauthenticated: 'Send `Authorization: Bearer <access token or API key>`.',
  invalid_token: 'Log in again, or refresh with `POST /v1/auth/refresh`.',
  token_expired: 'Access tokens are short-lived: refresh with `POST /v1/auth/refresh` and retry.',
  invalid_api_key: 'Check the key (it is shown once, at creation); create or rotate one under API keys.',
  invalid_credentials: 'Wrong email or password. Repeated failures lead to `login_throttled`.',
  refresh_token_reused: 'A refresh token works once; a reused one revokes the whole session family. Log in again.',
  invalid_second_factor: 'The TOTP, SMS or recovery code is wrong or expired: ask for a fresh one.',
  insufficient_balance: 'Top up (`POST /v1/wallet/top-ups`) or choose a cheaper offer; nothing was charged.',
  payment_failed: 'The payment provider refused the top-up; the balance is unchanged.',
  insufficient_scope: 'The API key lacks a scope this operation needs (the `detail` says which): create a key with it.',
  account_suspended: 'The account is suspended: contact support with the `request_id`.',
  ip_not_allowed: "The caller's address is outside the key's or account's IP allowlist: add it under Security.",
  feature_not_available: "The account's tier does not include this feature.",
  not_found: 'The id does not exist, belongs to another account, or does not have the shape of an id.',
  resource_limit_reached: 'An account limit (webhook endpoints, API keys, devices, ...): delete one first.',
  idempotency_key_in_use: 'The first request with this key is still running: retry after a moment (the SDKs do).',
  idempotency_key_reused: 'The same Idempotency-Key came with a different body: use a new key for a new request.',
  email_taken: 'An account with this email exists: log in instead.',
  cancel_too_early: 'The provider refuses cancels this soon after the purchase: wait and cancel again.',
  area_code_unavailable: 'No number with that area code right now: try without `area_code` or another one; nothing was charged.',
  no_numbers_available:
    'The provider has no number for this service and country right now; nothing was charged. Try later or another country.',
  another_code_unavailable:
    'Another code needs a `completed` verification whose number is still held: wait for the first code, or buy a new verification once `expires_at` has passed.',
  active_verification_limit:
    'The account holds as many `pending` verifications as its tier allows (the `detail` says the cap); nothing was charged. Wait for one to complete or cancel one, then buy again.',
  verification_not_pending: 'The verification already left `pending` (completed, cancelled, expired or failed).',
  verification_not_simulated: 'Sandbox SMS injection works only on numbers from the simulator provider.',
  ip_allowlist_lockout: "The change would lock out the caller's own address: include it in the allowlist.",
  api_key_inactive: 'The key is revoked or expired: rotate it or create a new one.',
  resume_window_exceeded:
    'The resume point is older than the retained events: fetch the gap with `GET /v1/events`, then reconnect without a resume point (the SDKs do).',
  payload_too_large: 'The body exceeds the server limit (`BODY_LIMIT_BYTES`, 1 MiB by default).',
  unsupported_media_type: 'Send `Content-Type: application/json`.',
  validation_failed: 'Fix the fields listed in `errors` (each has a JSON Pointer such as `/body/service`).',
  webhook_url_not_allowed:
    'Endpoint URLs must be public `https://` URLs (`http://` only where the operator allows it); private, loopback and metadata addresses are refused unless the operator allows them (`WEBHOOK_ALLOWED_CIDRS`).',
  rate_limited: 'Wait for `Retry-After` seconds (the SDKs do); `RateLimit-*` headers show the budget.',
  login_throttled: 'Too many failed logins for this account or address: wait for `Retry-After`.',
  provider_error: 'The upstream provider failed; any charge was refunded. Retry or pick another offer.',
  provider_unavailable: 'The upstream provider cannot be reached right now; retry later (the SDKs retry it).',
  not_implemented: 'This server does not implement the operation; retrying does not help.',
  internal_error: 'A bug on the server: retry (the SDKs do) and report the `request_id` if it persists.',
};
const unknown = Object.keys(FIXES).filter((code) => !catalogue.includes(code));
if (unknown.length) throw new Error(`FIXES names codes the catalogue lacks: ${unknown.join(', ')}`);

const BY_STATUS = {
  400: 'The request could not be read; fix it before sending it again.',
  401: 'The credentials are missing, wrong or expired.',
  402: 'Payment is needed.',
  403: 'The caller may not do this.',
  404: 'Nothing there for this caller.',
  409: 'The request conflicts with the current state; read the state, then decide.',
  410: 'Gone for good.',
  413: 'Too large.',
  415: 'Wrong content type.',
  422: 'The request was read but is invalid; fix it.',
  429: 'Slow down and retry after `Retry-After`.',
};
/** The SDKs' retry rule (DESIGN.md section 7, less 501). */
const retried = (status) => status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501);

const resolveRef = (node) =>
  node?.$ref
    ? resolveRef(
        node.$ref
          .split('/')
          .slice(1)
          .reduce((at, key) => at[key], spec),
      )
    : node;

const entries = new Map(
  catalogue.map((code) => [code, { statuses: new Set(), operations: new Set(), descriptions: new Set(), examples: new Map() }]),
);
for (const item of Object.values(spec.paths))
  for (const [method, operation] of Object.entries(item)) {
    if (!operation?.responses) continue;
    for (const [status, reference] of Object.entries(operation.responses)) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const response = resolveRef(reference);
      const content = response.content?.['application/problem+json'];
      if (!content) continue;
      const narrowed = (content.schema.allOf ?? []).map((part) => resolveRef(part).properties?.code?.enum).find(Boolean);
      const examples = [content.example, ...Object.values(content.examples ?? {}).map((example) => resolveRef(example).value)].filter(
        Boolean,
      );
      for (const code of narrowed ?? catalogue) {
        const entry = entries.get(code);
        if (!entry) throw new Error(`${method.toUpperCase()} ${operation.operationId}: code ${code} is not in the catalogue`);
        entry.statuses.add(Number(status));
        entry.operations.add(operation.operationId);
        if (narrowed?.length === 1) entry.descriptions.add(response.description.trim());
        for (const example of examples)
          if (example.code === code && !entry.examples.has(example.detail)) entry.examples.set(example.detail, example.title);
      }
    }
  }

const statusOf = (entry) => Math.min(...entry.statuses);
const sorted = [...entries].sort(
  ([a, x], [b, y]) => (statusOf(x) || 999) - (statusOf(y) || 999) || catalogue.indexOf(a) - catalogue.indexOf(b),
);
const lines = [
  '<!-- Generated by scripts/gen-troubleshooting.mjs from spec/dist/openapi.json: do not edit, run `node scripts/gen-troubleshooting.mjs`. -->',
  '',
  '# Troubleshooting: problem codes',
  '',
  'Every error the API answers is an `application/problem+json` body with a stable `code`. This page lists each',
  'code of the catalogue ([`spec/schemas/error-code.yaml`](../spec/schemas/error-code.yaml)): its HTTP status, what it',
  'means, what to do, whether the SDKs retry it by themselves, and which operations can answer it. A code not',
  'listed here is newer than this page: handle it by its HTTP status. Quote the `request_id` (also the',
  '`Request-Id` header) when you ask for help. How errors, retries and idempotency work: [errors.md](errors.md).',
  '',
  '| code | status | SDKs retry |',
  '| --- | --- | --- |',
  ...sorted.map(
    ([code, entry]) =>
      `| [\`${code}\`](#${code}) | ${[...entry.statuses].sort().join(', ') || '-'} | ${[...entry.statuses].some(retried) ? 'yes' : 'no'} |`,
  ),
];
for (const [code, entry] of sorted) {
  const statuses = [...entry.statuses].sort();
  const [detail, title] = [...entry.examples].sort(([a], [b]) => a.localeCompare(b))[0] ?? [];
  const operations = [...entry.operations].sort();
  lines.push('', `## \`${code}\``, '');
  // what the answering operations say, when they say it about this code alone (and say little enough to read)
  const said = entry.descriptions.size <= 2 ? [...entry.descriptions].sort().map((d) => ` ${d}`) : [];
  lines.push(
    `${title ? `**${title}**, ` : ''}${statuses.length ? `HTTP ${statuses.join(' or ')}.` : 'No operation of the contract answers it yet.'}${said.join('')}`,
  );
  if (detail) lines.push('', `Example detail: "${detail}"`);
  lines.push('', `What to do: ${FIXES[code] ?? BY_STATUS[statuses[0]] ?? 'Retry later; report the `request_id` if it persists.'}`);
  lines.push('', `SDKs retry it: ${statuses.some(retried) ? 'yes, with backoff (2 retries by default)' : 'no'}.`);
  if (operations.length)
    lines.push(
      '',
      `Answered by ${operations.length > 12 ? `${operations.length} operations, among them ` : ''}${operations
        .slice(0, 12)
        .map((id) => `\`${id}\``)
        .join(', ')}.`,
    );
}
const page = `${lines.join('\n')}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== page) {
    console.error('docs/troubleshooting.md is stale: run node scripts/gen-troubleshooting.mjs');
    process.exit(1);
  }
  console.log('docs/troubleshooting.md is current');
} else {
  writeFileSync(target, page);
  console.log(`wrote docs/troubleshooting.md (${catalogue.length} codes)`);
}
