import { ulid } from 'ulid';
import { pooledRandom } from './pooled-random.ts';

/** Id prefixes from spec/README.md; one per kind of resource. */
export type IdPrefix =
  | 'usr'
  | 'ses'
  | 'key'
  | 'ver'
  | 'sms'
  | 'txn'
  | 'top'
  | 'req'
  | 'tier'
  | 'evt'
  | 'quo'
  | 'aud'
  | 'ipa'
  | 'oac'
  | 'rcv';

/**
 * A new prefixed, time-sortable id (`ver_01JD4Z9B5M2N8Q4R6S8T0V2W4X`).
 *
 * @example
 * newId('ver') // 'ver_01JD...'
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid(undefined, pooledRandom)}`;
}
