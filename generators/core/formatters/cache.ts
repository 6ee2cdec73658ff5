import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A content-addressed cache of formatter output, like `prettier --cache`: the key is a hash of the
 * formatter's identity (name, version, options) and the unformatted input, the value the formatted
 * output, so a hit gives exactly the bytes the formatter would. Formatting is most of `pnpm gen`; with
 * the cache a run only formats the files whose printed source changed.
 *
 * Lives in generators/node_modules/.cache (git-ignored, gone with a fresh install). Set
 * `NAMASKAH_GEN_CACHE=0` (or call `setFormatCacheEnabled(false)`) to format everything.
 */
const CACHE_FILE = join(import.meta.dirname, '../../node_modules/.cache/namaskah-generators/format-cache.json');
/** Entries kept: every one used by the latest run, then the most recent others up to this bound. */
const MAX_ENTRIES = 6000;

let enabled = process.env.NAMASKAH_GEN_CACHE !== '0';
let entries: Map<string, string> | undefined;
let added = false;

export function setFormatCacheEnabled(on: boolean): void {
  enabled = on;
}

function load(): Map<string, string> {
  if (entries) return entries;
  try {
    entries = new Map(Object.entries(JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, string>));
  } catch {
    entries = new Map(); // missing or unreadable: start empty
  }
  process.once('exit', save);
  return entries;
}

function save(): void {
  if (!added || !entries) return;
  try {
    const kept = [...entries].slice(-MAX_ENTRIES);
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    const temp = `${CACHE_FILE}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(kept)));
    renameSync(temp, CACHE_FILE); // atomic: concurrent generations never read half a file
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** `format(contents)`, or its remembered output for the same formatter identity and input. */
export async function cachedFormat(
  formatter: string,
  contents: string,
  format: (contents: string) => string | Promise<string>,
): Promise<string> {
  if (!enabled) return format(contents);
  const cache = load();
  const key = createHash('sha256').update(formatter).update('\0').update(contents).digest('base64url');
  const hit = cache.get(key);
  cache.delete(key); // re-inserted below: Map order is recency, which the bound on saving relies on
  const output = hit ?? (await format(contents));
  cache.set(key, output);
  if (hit === undefined) added = true;
  return output;
}

/** Synchronous variant for synchronous formatters (ruff's WebAssembly build). */
export function cachedFormatSync(formatter: string, contents: string, format: (contents: string) => string): string {
  if (!enabled) return format(contents);
  const cache = load();
  const key = createHash('sha256').update(formatter).update('\0').update(contents).digest('base64url');
  const hit = cache.get(key);
  cache.delete(key);
  const output = hit ?? format(contents);
  cache.set(key, output);
  if (hit === undefined) added = true;
  return output;
}
