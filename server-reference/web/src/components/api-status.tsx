import { describeError, isNotImplemented, requestIdOf } from '../api/problem.ts';

/**
 * What a section shows instead of its content: a skeleton (grey placeholder lines) while loading, a calm "not available
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
  if (loading) return <Skeleton />;
  return null;
}

/** Placeholder lines where content is about to appear, announced once as "Loading". */
export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div className="skeleton" role="status" aria-busy="true" aria-label="Loading" data-testid="skeleton">
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders, never reordered
        <span key={i} className="skeleton-line" />
      ))}
    </div>
  );
}

/** A form's error line, or nothing. */
export function ErrorLine({ error }: { error: unknown }) {
  return error ? <ApiStatus error={error} /> : null;
}
