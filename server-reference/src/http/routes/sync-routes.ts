import type { SomeHandlers } from '../operation-handler.ts';
import { iso } from '../../serializers/money.ts';
import { serializeVerification } from '../../serializers/verification-serializers.ts';
import { serializeLedgerEntry } from '../../serializers/wallet-serializers.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { SyncObject } from '../../domain/sync/change-feed.ts';
import { json, principalOf } from './respond.ts';

/** The kinds of object each OAuth scope lets a grant synchronise. */
const SCOPE_OBJECTS: Record<string, SyncObject> = {
  'verifications:read': 'verification',
  'wallet:read': 'ledger_entry',
  'notifications:read': 'notification',
};

/** sync tag: delta synchronisation for offline-capable clients. */
export const syncRoutes = {
  async syncChanges(c) {
    const principal = principalOf(c);
    const { query } = c.get('input');
    const objects = new Set<SyncObject>(
      principal.kind === 'oauth'
        ? principal.scopes.flatMap((scope) => (SCOPE_OBJECTS[scope] ? [SCOPE_OBJECTS[scope]] : []))
        : Object.values(SCOPE_OBJECTS),
    );
    const result = await c.get('services').sync.page(principal.user.id, { since: query.since, limit: query.limit ?? 100, objects });
    return json(c, 200, {
      verifications: result.verifications.map(serializeVerification),
      ledger_entries: result.ledgerEntries.map(serializeLedgerEntry),
      notifications: result.notifications.map((n) => ({
        id: n.id,
        // the change feed reads text columns the notification router wrote from its typed catalog
        type: n.type as Schemas['Notification']['type'],
        title: n.title,
        body: n.body,
        severity: n.severity as Schemas['Notification']['severity'],
        data: n.data as Schemas['Notification']['data'],
        read_at: iso(n.read_at),
        created_at: iso(n.created_at),
        event_id: n.event_id,
      })),
      deleted: result.deleted.map((d) => ({ object: d.object, id: d.id, deleted_at: iso(d.deletedAt) })),
      next_since: result.nextSince,
      has_more: result.hasMore,
    });
  },
} satisfies SomeHandlers;
