import { ApiError } from '@namaskah/sdk';

/** Whether an SDK error is the server's 501 `not_implemented` problem (the page's API is not there yet). */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 501 || error.code === 'not_implemented');
}

/** A sentence for a person: the problem's detail (or title), with field errors appended. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const problem = error.problem as { detail?: string; title?: string } | undefined;
    const fields = (error.fieldErrors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    return [problem?.detail ?? problem?.title ?? error.message, fields].filter(Boolean).join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The request id to quote to support, when the server sent one. */
export function requestIdOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.requestId : undefined;
}
