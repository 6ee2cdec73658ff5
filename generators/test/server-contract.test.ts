import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_MARKER } from '../core/generated-file.js';
import { buildIr } from '../ir/build-ir.js';
import { emitServerContract } from '../typescript/index.js';
import { printOperationTypes } from '../typescript/print-operation-types.js';

const fixture = (name: string) => buildIr(join(import.meta.dirname, 'fixtures', name)).then((r) => r.ir);

describe('server contract (server-reference/src/contract/)', () => {
  it('prints each enum as an `as const` value list plus its union type; no model file of its own', async () => {
    const files = await emitServerContract(await fixture('enums'));
    expect(files.map((f) => f.path)).toEqual(['catalogs.ts', 'enums.ts', 'index.ts']);
    for (const file of files) expect(file.contents).toContain(GENERATED_MARKER);
    const enums = files.find((f) => f.path === 'enums.ts')!.contents;
    expect(enums).toMatch(/export const ORDER_STATUS_VALUES = \[[^\]]+\] as const;/);
    expect(enums).toContain('export type OrderStatus = (typeof ORDER_STATUS_VALUES)[number];');
    const index = files.find((f) => f.path === 'index.ts')!.contents;
    expect(index).toContain("export * from './enums.ts';");
    expect(index).toContain("export type { components, operations, paths } from './openapi.ts';");
  });

  it('adds openapi-typescript operation types from the bundled contract, references kept as references', async () => {
    const bundled = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/v1/orders/{order_id}': {
          get: {
            operationId: 'getOrder',
            parameters: [{ name: 'order_id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
            },
          },
        },
      },
      components: { schemas: { Order: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } },
    };
    const file = await printOperationTypes(JSON.stringify(bundled));
    expect(file.path).toBe('openapi.ts');
    expect(file.contents.startsWith(`// ${GENERATED_MARKER}`)).toBe(true);
    expect(file.contents).toContain('getOrder: {');
    expect(file.contents).toMatch(/"application\/json": components\["schemas"\]\["Order"\]/);
    expect(file.contents).toMatch(/Order: \{\s+id: string;/);
  });

  it('carries the error-code catalog with statuses', async () => {
    const ir = await fixture('nullable-optional');
    const catalogs = (await emitServerContract(ir)).find((f) => f.path === 'catalogs.ts')!.contents;
    for (const { code, status } of ir.errorCodes) expect(catalogs).toContain(`${code}: ${status},`);
    expect(catalogs).toContain('export type ProblemCode = keyof typeof ERROR_CODE_STATUS;');
    const ids = ir.resources.flatMap((r) => r.operations.map((o) => o.id)).sort();
    expect(ids.length).toBeGreaterThan(0);
    const list = catalogs.slice(catalogs.indexOf('export const OPERATION_IDS = ['));
    const listed = [...list.slice(0, list.indexOf('] as const;')).matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(listed).toEqual(ids);
    expect(catalogs).toContain('export type OperationId = (typeof OPERATION_IDS)[number];');
  });
});
