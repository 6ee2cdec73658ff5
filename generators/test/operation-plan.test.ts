import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planGoldens } from '../cli/generation-plan.js';
import { EMITTERS } from '../cli/emitters.js';
import { planApi } from '../core/operation-plan.js';
import { buildIr } from '../ir/build-ir.js';
import type { Ir } from '../ir/ir-types.js';

const fixture = (name: string) => buildIr(join(import.meta.dirname, 'fixtures', name)).then((r) => r.ir);

describe('operation plan', () => {
  it('flattens an object body into its writable fields and marks the call as needing params', async () => {
    const method = planApi(await fixture('nullable-optional')).resources[0]!.methods[0]!;
    expect(method.body).toMatchObject({ kind: 'json', required: true });
    expect(method.body!.fields!.map((f) => f.name)).toEqual(['name', 'nickname']);
    expect(method.paramsRequired).toBe(true);
  });

  it('keeps pagination and groups query parameters', async () => {
    const method = planApi(await fixture('cursor-pagination')).resources[0]!.methods[0]!;
    expect(method.pagination).toMatchObject({ cursorParam: 'starting_after' });
    expect(method.paramFields.map((p) => p.name)).toEqual(method.query.map((p) => p.name));
    expect(method.paramsRequired).toBe(false);
  });

  it('refuses two parameters that would share an identifier in some SDK', async () => {
    const ir: Ir = structuredClone(await fixture('cursor-pagination'));
    const op = ir.resources[0]!.operations[0]!;
    op.queryParams.push({ ...op.queryParams[0]!, name: op.queryParams[0]!.name.toUpperCase() });
    expect(() => planApi(ir)).toThrow(/two parameters named/);
  });
});

describe('emitter registry', () => {
  it('gives every emitter its own output folder and every golden emitter a golden folder per fixture', async () => {
    const roots = EMITTERS.map((e) => e.outputRoot);
    expect(new Set(roots).size).toBe(roots.length);
    const goldens = await planGoldens(join(import.meta.dirname, '../..'));
    const withGoldens = EMITTERS.filter((e) => e.goldenDir !== undefined);
    expect(goldens.length % withGoldens.length).toBe(0);
    expect(new Set(goldens.map((t) => t.root)).size).toBe(goldens.length);
  });
});
