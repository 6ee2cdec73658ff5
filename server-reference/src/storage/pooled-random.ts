import { getRandomValues } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let next = POOL_BYTES;

/**
 * A PRNG for `ulid` drawing from a pool of cryptographic random bytes refilled 4 KiB at a time: `ulid`'s
 * own asks `getRandomValues` for one byte per character (16 calls per id, a few ids per request, visible
 * in the purchase path's CPU profile). Same source, same distribution (a byte / 256), far fewer calls.
 *
 * @example
 * ulid(undefined, pooledRandom);
 */
export function pooledRandom(): number {
  if (next === POOL_BYTES) {
    getRandomValues(pool);
    next = 0;
  }
  return pool[next++]! / 256;
}
