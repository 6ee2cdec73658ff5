import { messages } from '@electric-sql/pglite';
import type { SerializedError } from './worker-protocol.ts';

/** The fields of a Postgres error report that PGlite's `DatabaseError` carries (pg-protocol's names). */
const FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

/** The error as it can cross the thread (structured clone keeps neither the class nor a subclass's fields). */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error' };
  if (!(error instanceof messages.DatabaseError)) return { message: error.message, name: error.name };
  const fields: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = error[field];
    if (value !== undefined) fields[field] = value;
  }
  // PGlite adds the failed statement to the error (its parameters stay behind: they may be secrets)
  const { query } = error as { query?: unknown };
  if (typeof query === 'string') fields.query = query;
  return { message: error.message, name: error.name, fields };
}

/**
 * The error re-created on this thread: a Postgres error is again a PGlite `DatabaseError` with the same
 * fields (domain code maps SQLSTATEs such as 23505 and 40001, and reads `constraint`), so callers cannot
 * tell a worker from an in-process PGlite.
 */
export function deserializeError(serialized: SerializedError): Error {
  if (!serialized.fields) {
    const error = new Error(serialized.message);
    error.name = serialized.name;
    return error;
  }
  const error = new messages.DatabaseError(serialized.message, 0, 'error');
  Object.assign(error, serialized.fields);
  return error;
}
