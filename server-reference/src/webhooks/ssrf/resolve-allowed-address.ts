import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';
import type { HostResolver } from './host-resolver.ts';
import { DnsFailureError, SsrfBlockedError } from './ssrf-errors.ts';

/** `[::1]` -> `::1`: URL host names keep the brackets of IPv6 literals. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves `hostname` and returns the address to connect to, refusing the host when ANY of its addresses is
 * refused (a name with one public and one private address could otherwise be steered inwards). Throws
 * `DnsFailureError` or `SsrfBlockedError`.
 */
export async function resolveAllowedAddress(hostname: string, policy: AddressPolicy, resolve: HostResolver): Promise<string> {
  const host = bareHost(hostname);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new DnsFailureError(host, error);
    }
  }
  const [first] = addresses;
  if (first === undefined) throw new DnsFailureError(host);
  for (const address of addresses) {
    const verdict = policy.check(address);
    if (!verdict.allowed) throw new SsrfBlockedError(host, address, verdict.reason);
  }
  return first;
}
