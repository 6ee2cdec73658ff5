import type { Selectable } from 'kysely';
import type { ApiKeysTable, LedgerEntriesTable, TiersTable, UsersTable, VerificationsTable } from './database-schema.ts';

/** Rows as the database returns them: what the domain reads and the wire serializers render. */
export type UserRow = Selectable<UsersTable>;
export type TierRow = Selectable<TiersTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type VerificationRow = Selectable<VerificationsTable>;
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
