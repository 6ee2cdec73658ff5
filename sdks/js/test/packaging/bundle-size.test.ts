import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build as bundle } from 'esbuild';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';

/**
 * What the SDK costs a browser app: each built ESM entry as an app's bundler ships it (bundled with what
 * it imports from the package, minified, gzipped at level 9). The package's own dependencies (ws,
 * eventsource-parser, zod) stay external: they are the app's, and the main entry only reaches them
 * through the real-time client and the validation entry.
 */
// Issue 14's budget: 16 KiB for the main entry. Generated calls leave out what the core defaults (`response: 'json'`,
// the usual cursor layout, and the query keys of a call without a body), and third-party-only operations such as
// Stripe's webhook (`x-sdk-exclude`) get no method, which keeps each new operation cheap.
// The operators' resource (`x-sdk-entry: admin`) is served by `@namaskah/sdk/admin`, so it is not in the main budget.
const BUDGETS = { index: 16 * 1024, admin: 20 * 1024, webhooks: 4 * 1024 };

const sdk = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'namaskah-size-'));
const config = tsupConfig as Options;
const external = (config.external ?? []).map(String);

async function shipped(entry: keyof typeof BUDGETS): Promise<{ gzipBytes: number; code: string; exports: string[]; imports: string[] }> {
  const result = await bundle({
    entryPoints: [join(out, `${entry}.js`)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    gzipBytes: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length,
    code: result.outputFiles[0]!.text,
    exports: output.exports,
    imports: output.imports.map((i) => i.path),
  };
}

beforeAll(async () => {
  // The package's own build (tsup.config.ts), ESM only, into a directory of its own: dist is left alone.
  await build({
    ...config,
    config: false,
    entry: [join(sdk, 'src/index.ts'), join(sdk, 'src/admin.ts'), join(sdk, 'src/webhooks.ts')],
    tsconfig: join(sdk, 'tsconfig.json'),
    format: ['esm'],
    outDir: out,
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
  });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bundle size', () => {
  it(`the main entry ships under ${BUDGETS.index} bytes gzipped`, async () => {
    const { gzipBytes, exports, code } = await shipped('index');
    // A build that lost its engine must not pass as a small one.
    expect(exports).toEqual(expect.arrayContaining(['Namaskah', 'HttpClient', 'RealtimeConnection', 'Webhooks']));
    expect(code).not.toContain('/v1/admin/');
    expect(gzipBytes, `@namaskah/sdk is ${gzipBytes} B gzipped`).toBeLessThanOrEqual(BUDGETS.index);
  });

  it(`the admin entry is the main one plus the admin resource, under ${BUDGETS.admin} bytes gzipped`, async () => {
    const { gzipBytes, exports, code } = await shipped('admin');
    expect(exports).toEqual(expect.arrayContaining(['Namaskah', 'Admin', 'AdminUsers', 'HttpClient', 'Webhooks']));
    expect(code).toContain('/v1/admin/users');
    expect(gzipBytes, `@namaskah/sdk/admin is ${gzipBytes} B gzipped`).toBeLessThanOrEqual(BUDGETS.admin);
  });

  it('a minified bundle still names each problem error after its class (minifiers rename classes)', async () => {
    const { code } = await shipped('index');
    // Written beside the package so the bundle's external imports (ws, zod, ...) resolve from its node_modules.
    const file = join(sdk, `.bundle-size-${process.pid}.mjs`);
    writeFileSync(file, code);
    try {
      const bundled = await import(pathToFileURL(file).href);
      const fetch = async () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'Payment Required', status: 402, code: 'insufficient_balance' }), {
          status: 402,
          headers: { 'content-type': 'application/problem+json' },
        });
      const error = await new bundled.Namaskah({ apiKey: 'k', fetch, maxRetries: 0 }).wallet.retrieve().catch((e: Error) => e);
      expect(error).toBeInstanceOf(bundled.InsufficientBalanceError);
      expect(error.name).toBe('InsufficientBalanceError');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it(`the webhooks entry ships under ${BUDGETS.webhooks} bytes gzipped, without the HTTP engine, ky, ws or real time`, async () => {
    const { gzipBytes, code, exports, imports } = await shipped('webhooks');
    expect(exports).toContain('Webhooks');
    expect(imports).toEqual([]);
    // Marks of the engine (its Accept header), ky (its error) and the real-time client.
    expect(code).not.toMatch(/application\/problem\+json|HTTPError|WebSocket/);
    expect(gzipBytes, `@namaskah/sdk/webhooks is ${gzipBytes} B gzipped`).toBeLessThanOrEqual(BUDGETS.webhooks);
  });
});
