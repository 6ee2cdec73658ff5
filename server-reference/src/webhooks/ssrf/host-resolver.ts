import { lookup } from 'node:dns/promises';

/** Every IP address a host name resolves to. Injected so tests can map names to chosen addresses. */
export type HostResolver = (hostname: string) => Promise<string[]>;

/**
 * The system resolver (getaddrinfo, so /etc/hosts counts), both families.
 *
 * @example
 * await systemResolver('localhost') // ['127.0.0.1', '::1']
 */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * A resolver that answers from `table` first (tests, or an operator pinning names) and asks `fallback`
 * for other names.
 *
 * @example
 * const resolve = staticResolver({ 'hooks.internal.test': ['10.0.0.5'] });
 */
export const staticResolver =
  (table: Record<string, string[]>, fallback: HostResolver = systemResolver): HostResolver =>
  async (hostname) =>
    table[hostname.toLowerCase()] ?? fallback(hostname);
