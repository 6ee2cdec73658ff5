import type { AdminTables } from '../admin/admin-tables.ts';
import type { AnalyticsTables } from '../analytics/analytics-tables.ts';
import type { EventTables } from './events/event-tables.ts';
import type { NotificationTables } from '../notifications/notification-tables.ts';
import type { WebhookTables } from '../webhooks/storage/webhook-tables.ts';
import type { CoreTables } from './core-tables.ts';

export type * from './core-tables.ts';

/**
 * The whole schema, as the migrations leave it: one handle type (`Kysely<Database>`) for every module, no
 * views or casts between them. Each module declares the tables its migrations create in its own
 * `*-tables.ts`; a table (and every column of it, whichever migration added the column) is declared once.
 */
export interface Database extends CoreTables, EventTables, WebhookTables, NotificationTables, AnalyticsTables, AdminTables {}
