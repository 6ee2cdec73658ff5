import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../src/storage/migrations/index.ts';
import { buildMigratedPgliteTemplate } from '../../src/storage/pglite-template.ts';

/** Names the migration set: every migration's name and code, so an edited or added migration makes a new template. */
const migrationsKey = createHash('sha256')
  .update(
    Object.entries(migrations)
      .map(([name, migration]) => `${name}\n${migration.up.toString()}`)
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 16);

let template: Promise<Uint8Array<ArrayBuffer>> | null = null;

/**
 * The migrated PGlite template of this migration set, shared by every test file (vitest runs each in a
 * process of its own): the first to need it builds it and leaves it in the temporary folder, written
 * aside and renamed so no file ever reads half of one; the others, later runs included, read it. The
 * template of another migration set is removed when a new one is built.
 */
export function migratedPgliteTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  template ??= (async () => {
    const name = `namaskah-pglite-template-${migrationsKey}.tar`;
    const path = join(tmpdir(), name);
    if (existsSync(path)) return new Uint8Array(readFileSync(path));
    const built = await buildMigratedPgliteTemplate();
    // the templates of earlier migration sets are of no more use (40 MB each)
    for (const old of readdirSync(tmpdir())) {
      if (old.startsWith('namaskah-pglite-template-') && old.endsWith('.tar') && old !== name) rmSync(join(tmpdir(), old), { force: true });
    }
    const aside = `${path}.${process.pid}.tmp`;
    writeFileSync(aside, built);
    renameSync(aside, path);
    return built;
  })();
  return template;
}
