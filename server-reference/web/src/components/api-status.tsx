import { describeError, isNotImplemented, requestIdOf } from '../api/problem.ts';

/**
 * What a section shows instead of its content: a spinner line while loading, a calm "not available
 * yet" for a 501 problem, the problem's detail (and request id) for any other error.
 */
export function ApiStatus({ error, loading }: { error: unknown; loading?: boolean }) {
  if (error) {
    if (isNotImplemented(error)) {
      return (
        <div className="notice" role="status" data-testid="not-available">
          <strong>Not available yet.</strong> {describeError(error)}
        </div>
      );
    }
    const requestId = requestIdOf(error);
    return (
      <div className="notice error" role="alert">
        {describeError(error)}
        {requestId && <small> (request {requestId})</small>}
      </div>
    );
  }
  if (loading)
    return (
      <p className="muted" aria-busy="true">
        Loading…
      </p>
    );
  return null;
}

/** A form's error line, or nothing. */
export function ErrorLine({ error }: { error: unknown }) {
  return error ? <ApiStatus error={error} /> : null;
}
