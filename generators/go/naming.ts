import { words } from '../core/naming.js';

/** Words Go writes in upper case (the `go lint` / staticcheck initialism list, trimmed to what specs use). */
const INITIALISMS = new Set(
  'acl api ascii cpu css dns eof guid html http https id ip json otp pdf qps sql ssh tcp tls ttl udp ui uid uuid uri url utf8 xml'.split(
    ' ',
  ),
);

/** Symbols that have no letters of their own but appear as enum or const values. */
const SYMBOL_NAMES: Record<string, string> = { '*': 'All' };

/** `verification_id` -> `VerificationID`, `avatar_url` -> `AvatarURL`, `webhook-endpoints` -> `WebhookEndpoints`. */
export function goName(input: string): string {
  const parts = words(input);
  if (parts.length === 0) return SYMBOL_NAMES[input] ?? '';
  const name = parts.map((w) => (INITIALISMS.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(name) ? `V${name}` : name;
}

/** `verification_id` -> `verificationID`: an unexported identifier (parameters). */
export function goLocalName(input: string): string {
  const exported = goName(input);
  const first = words(input)[0] ?? '';
  const head = INITIALISMS.has(first) ? first : first.charAt(0);
  const local = head + exported.slice(head.length);
  return GO_RESERVED.has(local) ? `${local}_` : local;
}

/** Go keywords plus the predeclared names a parameter must not shadow in generated code. */
const GO_RESERVED = new Set(
  'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var ctx opts params body err out req string error any'.split(
    ' ',
  ),
);

/** A Go double-quoted string literal. */
export function goString(value: string): string {
  return JSON.stringify(value);
}

/** Prose as `//` comment lines, each prefixed with `indent`. */
export function goDoc(lines: (string | undefined)[], indent = ''): string {
  const text = lines
    .filter((l): l is string => Boolean(l))
    .join('\n\n')
    .trim();
  if (!text) return '';
  return `${text
    .split('\n')
    .map((l) => `${indent}//${l ? ` ${l}` : ''}`)
    .join('\n')}\n`;
}
