import { useState } from 'react';
import { type ApiState, useApi } from '../../api/use-api.ts';

/** A cursor-paginated admin list with filters: re-fetches from the first page whenever a filter changes. */
export function useAdminList<TPage, TFilters extends object>(
  fetchPage: (params: TFilters & { limit: number; starting_after?: string }) => PromiseLike<TPage>,
  initialFilters: TFilters,
) {
  const [filters, setFiltersState] = useState(initialFilters);
  const [cursors, setCursors] = useState<string[]>([]);
  const page: ApiState<TPage> = useApi(
    () => fetchPage({ ...filters, limit: 25, ...(cursors.length ? { starting_after: cursors.at(-1) } : {}) }),
    [JSON.stringify(filters), cursors],
  );
  const setFilters = (patch: Partial<TFilters>) => {
    setFiltersState((f) => ({ ...f, ...patch }));
    setCursors([]);
  };
  return { page, filters, setFilters, cursors, setCursors };
}

/** Drops empty filter values so they are not sent as `?q=`. */
export function compact<T extends object>(filters: T): { [K in keyof T]?: Exclude<T[K], ''> } {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as {
    [K in keyof T]?: Exclude<T[K], ''>;
  };
}
