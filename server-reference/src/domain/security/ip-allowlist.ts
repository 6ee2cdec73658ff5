import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, IpAllowlistEntriesTable } from '../../storage/database-schema.ts';
import { ApiError, problems } from '../../errors/index.ts';
import { appendAudit, selfActor } from '../audit-log.ts';
import { newId } from '../../storage/ids.ts';
import { ipInCidr } from '../ip-ranges.ts';
import type { ClientInfo, UserRow } from '../principal.ts';

export type IpAllowlistEntry = Selectable<IpAllowlistEntriesTable>;

/** Entries an account may have (spec: a 101st entry is refused). */
const MAX_ALLOWLIST_ENTRIES = 100;

/** A CIDR whose host bits are zero, in canonical form, or a field error message. */
function parseNetwork(cidr: string): { ok: true; cidr: string } | { ok: false; message: string } {
  const [address = '', bits] = cidr.split('/');
  // node's isIP first: ipaddr.js also accepts legacy forms (octal, hex, short IPv4) nobody means here
  if (isIP(address) === 0 || bits === undefined || !/^\d{1,3}$/.test(bits))
    return { ok: false, message: 'must be an IPv4 or IPv6 network in CIDR notation' };
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return { ok: false, message: 'has a prefix length beyond the address size' };
  }
  const [network, prefix] = parsed;
  const base = network.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  // host bits set (203.0.113.7/24) almost always means a typo
  if (base.toString() !== network.toString())
    return { ok: false, message: `has host bits set; the network is ${base.toString()}/${prefix}` };
  return { ok: true, cidr: `${network.toString()}/${prefix}` };
}

/** Whether `ip` is inside one of `cidrs` (true when there are none): the allowlist rule, for rows already read. */
export function allowlistAllows(cidrs: readonly string[], ip: string): boolean {
  return cidrs.length === 0 || cidrs.some((cidr) => ipInCidr(ip, cidr));
}

/** The 403 of an address outside the account's allowlist. */
export const ipNotAllowed = (ip: string) => new ApiError('ip_not_allowed', `${ip} is not in this account's IP allowlist.`);

/**
 * The account IP allowlist: while it has entries, sign-in, refresh and every authenticated request must
 * come from inside one of them. Changes refuse to shut out the address making them (409
 * `ip_allowlist_lockout`) and are written to the audit log in the same transaction.
 */
export class IpAllowlistService {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Whether `ip` may act for the account (true when the list is empty); pass `trx` inside a transaction. */
  async allows(userId: string, ip: string, trx: Kysely<Database> | Transaction<Database> = this.db): Promise<boolean> {
    const entries = await trx.selectFrom('ip_allowlist_entries').select('cidr').where('user_id', '=', userId).execute();
    return allowlistAllows(
      entries.map((entry) => entry.cidr),
      ip,
    );
  }

  /** Throws 403 `ip_not_allowed` when `ip` is outside the account's non-empty allowlist. */
  async assertAllowed(userId: string, ip: string): Promise<void> {
    if (!(await this.allows(userId, ip))) throw ipNotAllowed(ip);
  }

  async list(userId: string, page: { limit: number; startingAfter?: string }): Promise<IpAllowlistEntry[]> {
    let query = this.db
      .selectFrom('ip_allowlist_entries')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query.execute();
  }

  async count(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('ip_allowlist_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Adds a network. The account's rows are locked, so concurrent changes are checked one after another. */
  async add(user: UserRow, input: { cidr: string; label?: string }, client: ClientInfo): Promise<IpAllowlistEntry> {
    const parsed = parseNetwork(input.cidr);
    if (!parsed.ok) throw problems.validation([{ field: '/body/cidr', code: 'invalid', message: parsed.message }]);
    return this.db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
      const existing = await trx.selectFrom('ip_allowlist_entries').select('cidr').where('user_id', '=', user.id).execute();
      if (existing.some((e) => e.cidr === parsed.cidr))
        throw problems.validation([{ field: '/body/cidr', code: 'duplicate', message: `${parsed.cidr} is already in the allowlist` }]);
      if (existing.length >= MAX_ALLOWLIST_ENTRIES)
        throw problems.validation([
          { field: '/body/cidr', code: 'too_many', message: `the allowlist holds at most ${MAX_ALLOWLIST_ENTRIES} entries` },
        ]);
      const allowedAfter = [...existing.map((e) => e.cidr), parsed.cidr].some((cidr) => ipInCidr(client.ip, cidr));
      if (!allowedAfter) throw new ApiError('ip_allowlist_lockout', `The first entry must contain your current address ${client.ip}.`);
      const entry = await trx
        .insertInto('ip_allowlist_entries')
        .values({ id: newId('ipa'), user_id: user.id, cidr: parsed.cidr, label: input.label ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'ip_allowlist.entry_added',
        targetType: 'ip_allowlist_entry',
        targetId: entry.id,
        metadata: { cidr: entry.cidr, label: entry.label },
      });
      return entry;
    });
  }

  /** Removes an entry unless the rest would shut out `client.ip`; 404 for an entry of another account. */
  async remove(user: UserRow, entryId: string, client: ClientInfo): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
      const entries = await trx.selectFrom('ip_allowlist_entries').selectAll().where('user_id', '=', user.id).execute();
      const entry = entries.find((e) => e.id === entryId);
      if (!entry) throw problems.notFound(`IP allowlist entry ${entryId}`);
      const rest = entries.filter((e) => e.id !== entryId);
      if (rest.length > 0 && !rest.some((e) => ipInCidr(client.ip, e.cidr))) {
        throw new ApiError('ip_allowlist_lockout', `Without this entry your current address ${client.ip} would not be allowed.`);
      }
      await trx.deleteFrom('ip_allowlist_entries').where('id', '=', entryId).execute();
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'ip_allowlist.entry_removed',
        targetType: 'ip_allowlist_entry',
        targetId: entryId,
        metadata: { cidr: entry.cidr },
      });
    });
  }
}
