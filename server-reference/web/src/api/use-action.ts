import { useState } from 'react';

/**
 * Wraps a user action (a button's SDK call): tracks `busy`, keeps the last error, and resolves to the
 * result or undefined on failure, so a handler never throws into React.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T>(action: () => PromiseLike<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(null) };
}
