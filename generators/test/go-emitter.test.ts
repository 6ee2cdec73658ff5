import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIr } from '../ir/build-ir.js';
import { emitGo } from '../go/index.js';
import { goName } from '../go/naming.js';

const emit = async (fixture: string) => emitGo((await buildIr(join(import.meta.dirname, 'fixtures', fixture))).ir);
const file = (files: { path: string; contents: string }[], path: string) => files.find((f) => f.path === path)!.contents;

describe('Go emitter', () => {
  it('marks every generated Go file with the Go convention header', async () => {
    for (const f of (await emit('enums')).filter((f) => f.path.endsWith('.go'))) {
      expect(f.contents.split('\n')[0]).toMatch(/^\/\/ Code generated .* DO NOT EDIT\.$/);
      expect(f.path).toMatch(/^gen_/);
    }
  });

  it('keeps optional and nullable distinct: T, Nullable[T], Opt[T], Opt[Nullable[T]]', async () => {
    const models = file(await emit('nullable-optional'), 'gen_models.go');
    expect(models).toMatch(/Name\s+string\s+`json:"name"`/);
    expect(models).toMatch(/Nickname\s+Nullable\[string\]\s+`json:"nickname"`/);
    expect(models).toMatch(/Bio\s+Opt\[string\]\s+`json:"bio,omitzero"`/);
    expect(models).toMatch(/AvatarURL\s+Opt\[Nullable\[string\]\]\s+`json:"avatar_url,omitzero"`/);
  });

  it('turns cursor pagination into an iter.Seq2 plus a single-page method', async () => {
    const service = (await emit('cursor-pagination')).find((f) => f.path.startsWith('gen_service_'))!.contents;
    expect(service).toContain('iter.Seq2[Widget, error]');
    expect(service).toContain('ListPage(ctx context.Context, params ListWidgetsParams, opts ...Option) (*WidgetList, error)');
  });

  it('uses Go initialisms', () => {
    expect(goName('verification_id')).toBe('VerificationID');
    expect(goName('avatar_url')).toBe('AvatarURL');
    expect(goName('webhook-endpoints')).toBe('WebhookEndpoints');
    expect(goName('*')).toBe('All');
  });
});
