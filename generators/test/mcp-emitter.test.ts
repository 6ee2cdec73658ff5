import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emit } from '../core/emitter.js';
import { planApi } from '../core/operation-plan.js';
import { buildIr } from '../ir/build-ir.js';
import type { Ir } from '../ir/ir-types.js';
import { mcpToolsEmitter } from '../mcp-tools/index.js';
import { InputSchemaBuilder } from '../mcp-tools/input-schema.js';
import { refine } from '../mcp-tools/refine.js';

const repoSpec = join(import.meta.dirname, '../../spec');
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const toolsOf = (ir: Ir) => refine(ir, planApi(ir)).tools;
const byName = (ir: Ir, name: string) => toolsOf(ir).find((t) => t.name === name)!;

describe('MCP tool table', () => {
  it('one tool per client operation, named in MCP’s charset, but no event stream and nothing x-sdk-exclude keeps out', async () => {
    const { ir } = await buildIr(repoSpec);
    const [file] = await emit(mcpToolsEmitter, ir);
    expect(file!.path).toBe('src/generated/tools.ts');
    expect(file!.contents).not.toContain('handleStripeEvent');
    const client = ir.resources.flatMap((r) => r.operations).filter((op) => !op.sdkExcluded);
    const tools = toolsOf({
      ...ir,
      resources: ir.resources.map((r) => ({ ...r, operations: r.operations.filter((op) => !op.sdkExcluded) })),
    });
    const streams = client.filter((op) => op.response.kind === 'event-stream').map((op) => op.id);
    expect(streams).toEqual(['streamEvents']);
    expect(tools.map((t) => t.operationId).sort()).toEqual(
      client
        .map((op) => op.id)
        .filter((id) => !streams.includes(id))
        .sort(),
    );
    for (const tool of tools) expect(tool.name).toMatch(/^[A-Za-z0-9_.-]{1,128}$/);
  });

  it('carries the scopes an API key needs and the money and destruction marks of the spec', async () => {
    const { ir } = await buildIr(repoSpec);
    expect(byName(ir, 'verifications_create')).toMatchObject({
      scopes: { apiKey: ['verifications:write'] },
      movesMoney: true,
      destructive: false,
    });
    expect(byName(ir, 'webhook_endpoints_delete')).toMatchObject({ destructive: true, scopes: { apiKey: ['webhooks:write'] } });
    expect(byName(ir, 'me_api_key_retrieve').scopes).toEqual({ apiKey: [] });
    expect(byName(ir, 'api_keys_list').scopes).toEqual({ accessToken: [] });
    expect(byName(ir, 'services_list')).toMatchObject({ public: true });
  });

  it('takes path, query and body fields as arguments, a union body as `body`', async () => {
    const { ir } = await buildIr(repoSpec);
    const cancel = byName(ir, 'verifications_cancel');
    expect(cancel.inputSchema).toMatchObject({
      required: ['verification_id'],
      properties: { verification_id: { type: 'string', pattern: '^ver_[A-Za-z0-9]+$' }, note: { type: 'string' } },
    });
    expect(cancel.body).toEqual({ kind: 'json', required: false, shape: 'fields' });
    const override = byName(ir, 'admin_pricing_overrides_create');
    expect(override.body?.shape).toBe('argument');
    expect((override.inputSchema.properties as Record<string, { anyOf: unknown[] }>).body?.anyOf).toHaveLength(2);
    const { ir: paged } = await buildIr(fixture('cursor-pagination'));
    const list = toolsOf(paged)[0]!;
    expect(list.queryParams).toEqual(expect.arrayContaining(['starting_after']));
  });

  it('keeps optional and nullable apart: a nullable field admits null, an optional one is left out of `required`', () => {
    const schemas = new InputSchemaBuilder(new Map());
    const string = { kind: 'primitive', type: 'string' } as const;
    expect(
      schemas.object([
        { name: 'nickname', type: { kind: 'nullable', type: string }, required: true },
        { name: 'bio', type: string, required: false },
      ]),
    ).toEqual({
      type: 'object',
      properties: { nickname: { anyOf: [{ type: 'string' }, { type: 'null' }] }, bio: { type: 'string' } },
      required: ['nickname'],
    });
  });

  it('refuses a parameter named like the `body` argument of a union body', async () => {
    const { ir } = await buildIr(repoSpec);
    const op = ir.resources.flatMap((r) => r.operations).find((o) => o.id === 'adminCreatePriceOverride')!;
    op.queryParams = [{ name: 'body', in: 'query', required: false, type: { kind: 'primitive', type: 'string' } }];
    expect(() => toolsOf(ir)).toThrow(/adminCreatePriceOverride has two arguments named body/);
  });
});
