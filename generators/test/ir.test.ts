import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIr } from '../ir/build-ir.js';
import type { ObjectDecl, Operation, TypeDecl } from '../ir/ir-types.js';
import { methodNameFor } from '../ir/operation-naming.js';
import { checkSdkNames, readSdkName } from '../ir/sdk-naming.js';

const fixture = (name: string) => buildIr(join(import.meta.dirname, 'fixtures', name)).then((r) => r.ir);
const decl = (types: TypeDecl[], name: string) => types.find((t) => t.name === name);

describe('IR', () => {
  it('keeps nullable and optional distinct', async () => {
    const ir = await fixture('nullable-optional');
    const profile = decl(ir.types, 'Profile') as ObjectDecl;
    const prop = (n: string) => profile.properties.find((p) => p.name === n)!;
    expect(prop('name')).toMatchObject({ required: true, type: { kind: 'primitive', type: 'string' } });
    expect(prop('nickname')).toMatchObject({ required: true, type: { kind: 'nullable' } });
    expect(prop('bio')).toMatchObject({ required: false, type: { kind: 'primitive' } });
    expect(prop('avatar_url')).toMatchObject({ required: false, type: { kind: 'nullable' } });
    const op = ir.resources[0]!.operations[0]!;
    expect(op.idempotent).toBe(true);
    expect(op.headerParams).toEqual([]);
    expect(op.errors).toEqual([{ status: 409, codes: ['email_taken'], description: 'Taken.' }]);
  });

  it('detects cursor pagination', async () => {
    const op = (await fixture('cursor-pagination')).resources[0]!.operations[0]!;
    expect(op.sdkName).toEqual(['widgets', 'list']);
    expect(op.pagination).toMatchObject({ kind: 'cursor', cursorParam: 'starting_after', itemType: { kind: 'ref', name: 'Widget' } });
  });

  it('reads a discriminated union from the variants themselves', async () => {
    const union = decl((await fixture('discriminated-union')).types, 'PaymentMethod');
    expect(union).toMatchObject({
      kind: 'union',
      discriminator: {
        property: 'kind',
        mapping: [
          { value: 'bank', type: 'BankMethod' },
          { value: 'card', type: 'CardMethod' },
        ],
      },
    });
  });

  it('hoists inline enums under derived names and keeps null out of enum values', async () => {
    const ir = await fixture('enums');
    expect(decl(ir.types, 'OrderCancelReason')).toMatchObject({ kind: 'enum', values: ['customer', 'fraud'] });
    expect(decl(ir.types, 'OrderPriority')).toMatchObject({ kind: 'enum', valueType: 'integer', values: [1, 2, 3] });
    expect(decl(ir.types, 'GetOrderExpand')).toMatchObject({ kind: 'enum' });
  });

  it('reads webhook events and adds the WebhookEvent union', async () => {
    const ir = await fixture('webhook-event');
    expect(ir.events).toEqual([{ type: 'parcel.delivered', typeName: 'ParcelDeliveredEvent', description: 'A parcel was delivered' }]);
    expect(decl(ir.types, 'WebhookEvent')).toMatchObject({ kind: 'union', discriminator: { property: 'type' } });
  });

  it('classifies binary downloads and redirects', async () => {
    const [download, link] = (await fixture('binary-download')).resources[0]!.operations;
    expect(download!.response).toMatchObject({ kind: 'binary', mediaType: 'text/csv' });
    expect(link!.response).toMatchObject({ kind: 'redirect', status: 302 });
  });

  it('names methods without the resource noun', () => {
    expect(methodNameFor('listVerifications', 'verifications')).toBe('list');
    expect(methodNameFor('listWebhookEndpointDeliveries', 'webhook-endpoints')).toBe('listDeliveries');
    expect(methodNameFor('adminSuspendUser', 'admin')).toBe('suspendUser');
    expect(methodNameFor('getHealth', 'system')).toBe('getHealth');
  });
});

describe('SDK names (x-sdk-name)', () => {
  const op = (sdkName: string[]) => ({ op: { sdkName } as Operation, explicit: true, where: sdkName.join('.') });

  it('nests resources by the dotted name', async () => {
    const ops = (await fixture('nested-resources')).resources.flatMap((r) => r.operations);
    expect(ops.map((o) => o.sdkName.join('.'))).toEqual([
      'widgets.retrieve',
      'widgets.parts.list',
      'widgets.parts.create',
      'admin.widgets.delete',
    ]);
  });

  it('derives tag.method when the spec names no operation', () => {
    expect(readSdkName({ operationId: 'listWidgetParts' }, 'widgets', 'x')).toEqual(['widgets', 'listParts']);
    expect(() => readSdkName({ operationId: 'a', 'x-sdk-name': 'Widgets.List' }, 'widgets', 'GET /a')).toThrow(/camelCase/);
    expect(() => readSdkName({ operationId: 'a', 'x-sdk-name': 'list' }, 'widgets', 'GET /a')).toThrow(/resource then method/);
  });

  it('refuses a name used twice, a name that is also a resource, and a document that names only some operations', () => {
    expect(() => checkSdkNames([op(['apiKeys', 'list']), op(['api_keys', 'list'])])).toThrow(/same SDK name/);
    expect(() => checkSdkNames([op(['auth', 'login']), op(['auth', 'login', 'verify'])])).toThrow(/uses as a resource/);
    expect(() => checkSdkNames([op(['a', 'list']), { ...op(['a', 'get']), explicit: false }])).toThrow(/missing on a\.get/);
    expect(() => checkSdkNames([op(['a', 'list']), op(['a', 'b', 'list'])])).not.toThrow();
  });
});

describe('IR operation markers (x-moves-money, x-destructive)', () => {
  it('carries the markers of the contract into every operation', async () => {
    const ir = await buildIr(join(import.meta.dirname, '..', '..', 'spec')).then((r) => r.ir);
    const ops = ir.resources.flatMap((r) => r.operations);
    const marked = (pick: (o: Operation) => boolean) =>
      ops
        .filter(pick)
        .map((o) => o.id)
        .sort();
    expect(marked((o) => o.movesMoney)).toEqual(
      ['adminCreateBalanceAdjustment', 'adminCreateRefund', 'cancelVerification', 'createTopUp', 'createVerification'].sort(),
    );
    expect(marked((o) => o.destructive)).toContain('revokeApiKey');
    expect(marked((o) => o.destructive)).toContain('deleteWebhookEndpoint');
    expect(ops.find((o) => o.id === 'listVerifications')).toMatchObject({ movesMoney: false, destructive: false });
  });

  it('refuses a DELETE that is not marked destructive', async () => {
    const { cp, mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'ir-markers-'));
    await cp(join(import.meta.dirname, 'fixtures', 'nested-resources'), dir, { recursive: true });
    const file = join(dir, 'openapi.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^\s*x-destructive: true\n/m, '\n'));
    await expect(buildIr(dir)).rejects.toThrow(/adminDeleteWidget is a DELETE but has no x-destructive/);
  });
});
