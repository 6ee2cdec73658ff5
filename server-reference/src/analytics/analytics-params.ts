import { IANAZone } from 'luxon';
import type { Principal } from '../domain/principal.ts';
import { problems } from '../errors/index.ts';

const DAY_MS = 86_400_000;
/** The longest range any analytics request may cover. */
export const MAX_RANGE_DAYS = 366;

export interface AnalyticsRange {
  from: Date;
  to: Date;
}

/** Whose data a request covers: one account, or every account (`platform`). */
export interface AnalyticsScope {
  scope: 'me' | 'platform';
  /** The account in `me` scope; null in `platform` scope. */
  userId: string | null;
  /** User-growth figures are for admins only. */
  isAdmin: boolean;
}

/** `from`/`to` from the query: `to` defaults to now, `from` to 30 days before `to`; at most 366 days. */
export function rangeOf(query: { from?: string; to?: string }, now = new Date()): AnalyticsRange {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw problems.validation([{ field: '/query/from', code: 'range', message: '`from` must be before `to`.' }]);
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw problems.validation([{ field: '/query/from', code: 'range', message: `The range may last at most ${MAX_RANGE_DAYS} days.` }]);
  }
  return { from, to };
}

/** The scope asked for, refused with 403 `forbidden` when `platform` is asked by a `user`. */
export function scopeOf(principal: Principal, scope: 'me' | 'platform' | undefined): AnalyticsScope {
  const isStaff = principal.user.role === 'admin' || principal.user.role === 'support';
  if (scope === 'platform') {
    if (!isStaff) throw problems.forbidden('The platform scope requires the support or admin role.');
    return { scope: 'platform', userId: null, isAdmin: principal.user.role === 'admin' };
  }
  return { scope: 'me', userId: principal.user.id, isAdmin: principal.user.role === 'admin' };
}

/** A tz-database zone name, or 422 at `/query/timezone`. */
export function zoneOf(name: string, field = '/query/timezone'): string {
  if (!IANAZone.isValidZone(name))
    throw problems.validation([{ field, code: 'timezone', message: `${name} is not a tz-database time zone.` }]);
  return name;
}
