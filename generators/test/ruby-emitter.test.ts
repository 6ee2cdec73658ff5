import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIr } from '../ir/build-ir.js';
import { GENERATED_MARKER } from '../core/generated-file.js';
import { emitRuby } from '../ruby/index.js';
import { rbArgName, rbIdentifier, rbReader } from '../ruby/naming.js';

const emit = async (fixture: string) => emitRuby((await buildIr(join(import.meta.dirname, 'fixtures', fixture))).ir);
const file = (files: { path: string; contents: string }[], path: string) => files.find((f) => f.path === path)!.contents;

describe('Ruby emitter', () => {
  it('marks every generated Ruby and RBS file, and writes only under generated/ folders and API.md', async () => {
    for (const f of await emit('enums')) {
      if (f.path !== 'API.md') expect(f.path).toMatch(/^(lib|sig)\/namaskah\/generated\//);
      if (/\.rbs?$/.test(f.path)) expect(f.contents.split('\n')[0]).toContain(GENERATED_MARKER);
    }
  });

  it('keeps optional and nullable apart in the signatures: T, T? (nullable or optional)', async () => {
    const sig = file(await emit('nullable-optional'), 'sig/namaskah/generated/models.rbs');
    expect(sig).toMatch(/def name: \(\) -> String\n/);
    expect(sig).toMatch(/def nickname: \(\) -> String\?\n/);
  });

  it('nests resources by the SDK names, with path parameters positional and the rest keyword arguments', async () => {
    const files = await emit('nested-resources');
    const api = file(files, 'API.md');
    expect(api).toContain('`client.widgets.parts`');
    const parts = files.find((f) => f.path.endsWith('resources/widgets.rb'))!.contents;
    expect(parts).toContain('def list(widget_id, starting_after: Namaskah::OMIT, request_options: {})');
    expect(parts).toContain('@client.request_page(');
  });

  it('marks a call that needs no credentials public, so the core sends it without a key', async () => {
    const { ir } = await buildIr(join(import.meta.dirname, 'fixtures', 'nested-resources'));
    const [open, locked] = ir.resources.flatMap((r) => r.operations);
    locked!.needsCredentials = true;
    const code = (await emitRuby(ir))
      .filter((f) => f.path.includes('/resources/'))
      .map((f) => f.contents)
      .join('\n');
    const body = (op: typeof open) => code.slice(code.indexOf(`path: "${op!.path}"`)).split('options: request_options')[0]!;
    expect(body(open)).toContain('public: true,');
    expect(body(locked)).not.toContain('public: true');
  });

  it('escapes names the way the conformance runner expects', () => {
    expect(rbArgName('method')).toBe('method');
    expect(rbArgName('end')).toBe('end_');
    expect(rbArgName('Last-Event-ID')).toBe('last_event_id');
    expect(rbReader('end')).toBe('end');
    expect(rbReader('method')).toBe('method_');
    expect(rbIdentifier('issueOAuthToken')).toBe('issue_oauth_token');
  });
});
