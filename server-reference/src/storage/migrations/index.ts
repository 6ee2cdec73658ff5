import type { Migration } from 'kysely/migration';
import * as initial from './0001-initial.ts';

/**
 * Every migration, in order. Forward-only: a migration, once released, is never edited or rolled back;
 * a change is a new file appended here.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};
