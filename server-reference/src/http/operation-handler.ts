import type { Context } from 'hono';
import { OPERATION_IDS, type OperationId as PathOperationId } from '../contract/index.ts';
import type { operations } from '../contract/openapi.ts';
import type { AppEnv } from './app-env.ts';

/** Every path operation's `operationId` (the `webhooks` are operations the server sends, not serves). */
export type OperationId = Extract<PathOperationId, keyof operations>;

const operationIds: ReadonlySet<string> = new Set(OPERATION_IDS);
/** Whether `id` names a path operation of the contract (the spec router's lookup key). */
export const isOperationId = (id: string): id is OperationId => operationIds.has(id);

type ParametersOf<K extends OperationId> = operations[K]['parameters'];
/** A parameter group the operation does not have (`path?: never`) is validated to `{}`: no key to read. */
type Group<T> = [Exclude<T, undefined>] extends [never] ? Record<never, never> : Exclude<T, undefined>;
type RequestContent<K extends OperationId> = Exclude<operations[K]['requestBody'], undefined> extends { content: infer C } ? C : never;
type RequestBody<C> = C extends { 'application/json': infer B }
  ? B
  : C extends { 'application/x-www-form-urlencoded': infer F }
    ? F
    : undefined;
/** An optional request body may be absent. */
type MaybeAbsent<K extends OperationId, B> = undefined extends operations[K]['requestBody'] ? B | undefined : B;

/**
 * What request validation hands the handler of `K` (`c.get('input')`): path and query parameters coerced
 * to their schema types (query defaults applied, so optional here), the header parameters by the lower-case
 * names the validator reads them under, and the JSON (or form) body.
 */
export interface OperationInput<K extends OperationId> {
  path: Group<ParametersOf<K>['path']>;
  query: Group<ParametersOf<K>['query']>;
  headers: Record<string, string>;
  body: MaybeAbsent<K, RequestBody<RequestContent<K>>>;
}

type Responses<K extends OperationId> = operations[K]['responses'];
/** The statuses of `K` whose response is `application/json`, each to its body's type. */
export type JsonResponses<K extends OperationId> = {
  [S in keyof Responses<K> as Responses<K>[S] extends { content: { 'application/json': unknown } } ? S : never]: Responses<K>[S] extends {
    content: { 'application/json': infer B };
  }
    ? B
    : never;
};
/** The statuses `K` answers with an `application/json` body (not its problems: those are `application/problem+json`). */
export type JsonStatus<K extends OperationId> = keyof JsonResponses<K> & number;

/**
 * The Hono environment of the handler of `K`: `input` typed by its operation. `Operation` only carries `K`,
 * so `json(c, ...)` infers the operation from `c`; optional, as no value of it exists at run time.
 */
export interface OperationEnv<K extends OperationId> extends AppEnv<OperationInput<K>> {
  Operation?: K;
}

/** The implementation of one spec operation; input is already validated (`c.get('input')`). */
export type Handler<K extends OperationId> = (c: Context<OperationEnv<K>>) => Promise<Response> | Response;

/** A handler for every operation of the contract, by `operationId`: a missing or misspelled one does not compile. */
export type OperationHandlers = { [K in OperationId]: Handler<K> };

/**
 * Some operations' handlers, as a module exports them: `{ ... } satisfies SomeHandlers` gives each method
 * its operation's context, and a key that names no operation does not compile.
 */
export type SomeHandlers = Partial<OperationHandlers>;
