import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The server's layering (docs/architecture.md), checked on every relative import under src/:
 * - the kernel (contract, errors, serializers, crypto, storage, observability) imports only the kernel;
 * - domain/ imports the kernel and itself: never http/, never a feature module;
 * - a feature module is entered from outside only through its index.ts;
 *
 * One exception, by design: storage/database-schema.ts composes the one `Database` type from each feature
 * module's own table interfaces (`<module>/…-tables.ts`, type-only imports), so a module owns its tables.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const KERNEL = new Set(['contract', 'errors', 'serializers', 'crypto', 'storage', 'observability']);
const FEATURES = new Set([
  'admin',
  'analytics',
  'events',
  'i18n',
  'jobs',
  'notifications',
  'payments',
  'providers',
  'realtime',
  'webhooks',
]);

interface Import {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g;

function relativeImports(): Import[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => ({
      from: relative(SRC, file).split(sep).join('/'),
      to: relative(SRC, resolve(dirname(file), match[1] ?? ''))
        .split(sep)
        .join('/'),
    })),
  );
}

/** The top-level folder of a path under src/ ('' for the root files). */
const area = (path: string): string => (path.includes('/') ? (path.split('/')[0] ?? '') : '');

/** Every import that breaks one of the rules above, as `from -> to (rule)`. */
function boundaryViolations(imports: Import[]): string[] {
  const violations: string[] = [];
  for (const { from, to } of imports) {
    const source = area(from);
    const target = area(to);
    if (source === target) continue;
    const broken = (rule: string) => violations.push(`${from} -> ${to} (${rule})`);
    if (from === 'storage/database-schema.ts' && FEATURES.has(target) && to.endsWith('-tables.ts')) continue;
    if (KERNEL.has(source) && !KERNEL.has(target)) broken('the kernel imports only the kernel');
    else if (source === 'domain' && !KERNEL.has(target)) broken('domain/ imports only the kernel');
    else if (FEATURES.has(target) && to !== `${target}/index.ts`) broken(`enter ${target}/ through its index.ts`);
  }
  return violations;
}

describe('import boundaries', () => {
  it('the source tree keeps every layering rule', () => {
    const imports = relativeImports();
    expect(imports.length).toBeGreaterThan(500);
    expect(boundaryViolations(imports)).toEqual([]);
  });

  it('the check catches each kind of violation', () => {
    expect(
      boundaryViolations([
        { from: 'domain/wallet-ledger.ts', to: 'http/routes/respond.ts' },
        { from: 'domain/catalog.ts', to: 'webhooks/index.ts' },
        { from: 'errors/api-error.ts', to: 'domain/ids.ts' },
        { from: 'admin/admin-routes.ts', to: 'webhooks/endpoints/endpoint-service.ts' },
        { from: 'admin/admin-routes.ts', to: 'webhooks/index.ts' },
        { from: 'webhooks/routes/a.ts', to: 'webhooks/endpoints/b.ts' },
        { from: 'storage/database-schema.ts', to: 'webhooks/storage/webhook-tables.ts' },
        { from: 'storage/database-schema.ts', to: 'webhooks/endpoints/endpoint-service.ts' },
      ]),
    ).toEqual([
      'domain/wallet-ledger.ts -> http/routes/respond.ts (domain/ imports only the kernel)',
      'domain/catalog.ts -> webhooks/index.ts (domain/ imports only the kernel)',
      'errors/api-error.ts -> domain/ids.ts (the kernel imports only the kernel)',
      'admin/admin-routes.ts -> webhooks/endpoints/endpoint-service.ts (enter webhooks/ through its index.ts)',
      'storage/database-schema.ts -> webhooks/endpoints/endpoint-service.ts (the kernel imports only the kernel)',
    ]);
  });
});
