import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';

/** The implementation of one spec operation; input is already validated (`c.get('input')`). */
export type OperationHandler = (c: Context<AppEnv>) => Promise<Response> | Response;

/** Implementations keyed by `operationId`. */
export type OperationHandlers = Record<string, OperationHandler>;
