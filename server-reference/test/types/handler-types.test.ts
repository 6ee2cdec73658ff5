import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { OPERATION_IDS } from '../../src/contract/index.ts';
import {
  isOperationId,
  type OperationEnv,
  type OperationHandlers,
  type OperationId,
  type SomeHandlers,
} from '../../src/http/operation-handler.ts';
import { json } from '../../src/http/routes/respond.ts';
import type { serializeVerification } from '../../src/serializers/verification-serializers.ts';
import type { Schemas } from '../../src/serializers/wire-models.ts';
import { contract } from '../support/contract.ts';

/*
 * Type-level proofs, checked by `pnpm typecheck` (this file is in the server's tsconfig): each
 * `@ts-expect-error` line must fail to compile, or the directive itself is an error (so each line below
 * proves the error it names). The functions are never called.
 */

const health = { status: 'ok', version: '0.1.0', time: '2026-01-01T00:00:00.000Z' } as const;

function replies(c: Context<OperationEnv<'getHealth'>>): Response[] {
  return [
    json(c, 200, health),
    // @ts-expect-error a body field the Health schema does not have
    json(c, 200, { ...health, uptime_seconds: 3 }),
    // @ts-expect-error getHealth documents no 201
    json(c, 201, health),
    // @ts-expect-error 503 is documented, but as application/problem+json: problems are thrown as ApiError
    json(c, 503, health),
    // @ts-expect-error `time` is a required field of Health
    json(c, 200, { status: 'ok', version: '0.1.0' }),
    // @ts-expect-error `status` is the enum `ok | degraded`, not any string
    json(c, 200, { ...health, status: 'fine' }),
  ];
}

function inputs(c: Context<OperationEnv<'createVerification'>>, get: Context<OperationEnv<'getVerification'>>): unknown[] {
  const { body, path } = c.get('input');
  const service: string = body.service;
  const maxPrice: number | undefined = body.max_price;
  const id: string = get.get('input').path.verification_id;
  return [
    service,
    maxPrice,
    id,
    // @ts-expect-error CreateVerificationRequest has no `servise`
    body.servise,
    // @ts-expect-error createVerification has no path parameters
    path.verification_id,
    // @ts-expect-error getVerification has no request body to read
    get.get('input').body.service,
  ];
}

const misspelled = {
  // @ts-expect-error no operation is called `getHealthz`
  getHealthz: () => new Response(null),
} satisfies SomeHandlers;

const mistyped = {
  // @ts-expect-error the handler of getHealth answers with a Verification body
  getHealth: (c) => json(c, 200, { id: 'ver_1' }),
} satisfies SomeHandlers;

function completeness(allButHealth: Omit<OperationHandlers, 'getHealth'>): OperationHandlers {
  // @ts-expect-error the handler table must have every operation: getHealth is missing
  return allButHealth;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const serializerIsTheModel: Equal<ReturnType<typeof serializeVerification>, Schemas['Verification']> = true;
// @ts-expect-error the webhooks are operations the server sends, not ones it serves
const webhookIsNoHandler: OperationId = 'verificationCreatedWebhook';

// referenced so the checks above are not unused code; tsc checks them, nothing runs them
void [replies, inputs, misspelled, mistyped, completeness, serializerIsTheModel, webhookIsNoHandler];

describe('the handler table is typed by the contract', () => {
  it("OPERATION_IDS are exactly the spec's path operations, and isOperationId tells them apart", async () => {
    const { spec } = await contract();
    const fromSpec = spec.operations.map((op) => op.operationId).sort();
    expect([...OPERATION_IDS]).toEqual(fromSpec);
    for (const id of fromSpec) expect(isOperationId(id)).toBe(true);
    expect(isOperationId('verificationCreatedWebhook')).toBe(false);
    expect(isOperationId('getHealthz')).toBe(false);
  });
});
