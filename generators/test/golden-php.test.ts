import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const goldens = readdirSync(join(here, 'golden')).filter((name) => existsSync(join(here, 'golden', name, 'php')));

function phpFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.php'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function run(cmd: string, args: string[]): string {
  try {
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${cmd} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/**
 * Each fixture's PHP output must parse (`php -l` on every file) and be PSR-12 clean (`phpcs`, warnings
 * included), as committed, and every class must load next to the SDK's hand-written core (sdks/php/src),
 * so a missing base class, trait or interface fails here.
 */
describe('golden PHP output lints', () => {
  it.each(goldens)('%s', (name) => {
    const dir = join(here, 'golden', name, 'php');
    const files = phpFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(run('php', ['-l', file])).toBe('');
    expect(run('phpcs', ['--standard=PSR12', '-q', '--report=full', dir])).toBe('');
    expect(run('php', [join(here, 'golden-php-load.php'), dir, resolve(here, '../../sdks/php')])).toBe('');
  });
});
