/** A position in the change feed: the writing transaction and the change's sequence number. */
export interface SyncPosition {
  /** xid8 as a decimal string (64-bit, beyond JS number precision). */
  txid: string;
  seq: number;
}

/** The start of the feed: before every change. */
export const FEED_START: SyncPosition = { txid: '0', seq: 0 };

/**
 * Opaque `since` cursors: `v1.<txid>.<seq>.<issued ms>` in base64url. The issue time lets the server
 * refuse cursors older than the feed's retention (410 `gone`).
 *
 * @example
 * const cursor = encodeSyncCursor({ txid: '812', seq: 40 }, new Date());
 * decodeSyncCursor(cursor) // { position: { txid: '812', seq: 40 }, issuedAt: Date }
 */
export function encodeSyncCursor(position: SyncPosition, issuedAt: Date): string {
  return Buffer.from(`v1.${position.txid}.${position.seq}.${issuedAt.getTime()}`, 'utf8').toString('base64url');
}

/** Null when `cursor` is not one this server issued. */
export function decodeSyncCursor(cursor: string): { position: SyncPosition; issuedAt: Date } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^v1\.(\d{1,20})\.(\d{1,15})\.(\d{1,15})$/.exec(text);
  if (!match) return null;
  return { position: { txid: match[1]!, seq: Number(match[2]) }, issuedAt: new Date(Number(match[3])) };
}
