import { escapeReserved, pascalCase, snakeCase } from '../core/naming.js';

/**
 * Methods every Ruby object (or the SDK's BaseModel / APIResource) already has: a model attribute or a
 * resource method named like one gets a trailing `_` so it never shadows them.
 */
const OBJECT_METHODS = new Set([
  'class',
  'hash',
  'method',
  'methods',
  'send',
  'object_id',
  'freeze',
  'frozen?',
  'display',
  'dup',
  'clone',
  'inspect',
  'to_s',
  'to_h',
  'to_hash',
  'to_json',
  'to_a',
  'tap',
  'then',
  'extend',
  'instance_variables',
  'respond_to?',
  'public_send',
  'is_a?',
  'kind_of?',
  'nil?',
  'equal?',
  'eql?',
  'itself',
  'key?',
  'fetch',
  'dig',
  'initialize',
  'request',
  'client',
  'last_response',
  'fields',
  'attribute',
]);

/** Kernel's private helpers: a method named like one is only an issue where it is called without a receiver. */
const KERNEL_PRIVATE = new Set(['format', 'print', 'puts', 'raise', 'require', 'loop', 'sleep', 'system', 'open']);

/** snake_case for Ruby names; brand words with inner capitals stay one word (`issueOAuthToken` -> `issue_oauth_token`). */
export function rbSnake(name: string): string {
  return snakeCase(name.replace(/OAuth/g, 'Oauth'));
}

/** A wire name as a keyword-argument name: snake_case, only Ruby keywords escaped (`method:` is fine). */
export function rbArgName(name: string): string {
  const base = /^[a-z_][a-z0-9_]*$/.test(name) ? name : rbSnake(name);
  return escapeReserved(base, 'ruby');
}

/** A wire name (or camelCase SDK name) as a Ruby method name, keywords and Object methods escaped. */
export function rbIdentifier(name: string): string {
  const base = /^[a-z_][a-z0-9_]*$/.test(name) ? name : rbSnake(name);
  return OBJECT_METHODS.has(base) || KERNEL_PRIVATE.has(base) ? `${base}_` : escapeReserved(base, 'ruby');
}

/**
 * A model field's reader: always called on the model (`report.format`, `range.end`), so keywords and Kernel's
 * private helpers are fine; only methods every object (or BaseModel) answers are escaped (`method_`).
 */
export function rbReader(name: string): string {
  const base = /^[a-z_][a-z0-9_]*$/.test(name) ? name : rbSnake(name);
  return OBJECT_METHODS.has(base) ? `${base}_` : base;
}

/** A constant name for an enum value: `pending` -> `PENDING`, `+1` -> `V_1`. */
export function rbConstant(value: string | number): string {
  const base = snakeCase(String(value)).toUpperCase();
  return /^[A-Z]/.test(base) ? base : `V_${base || 'EMPTY'}`;
}

/** A class name from words (`webhook endpoints deliveries` -> `WebhookEndpointsDeliveries`). */
export function rbClass(name: string): string {
  return pascalCase(name.replace(/OAuth/g, 'Oauth'));
}
