import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The outcome of checking one IP address against the SSRF policy. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** ipaddr.js range names, in words for error messages; any range not listed is "a reserved address". */
const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
};

/** Cloud instance metadata services, named on their own because they are the classic SSRF target. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254'].map((a) => ipaddr.parse(a).toNormalizedString());

/** The 64:ff9b::/96 NAT64 prefix: its last 32 bits are an IPv4 address, reached through the translator. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Which IP addresses webhooks may connect to: public unicast only, unless the operator allowlists a range.
 * Refused: loopback, private (RFC 1918, fc00::/7), link-local (incl. cloud metadata), CGNAT, multicast,
 * unspecified, broadcast and every other special-purpose range ipaddr.js knows (reserved, documentation,
 * benchmarking, 6to4, Teredo, ...). IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry,
 * and NAT64 addresses (64:ff9b::/96) as the IPv4 address they translate to.
 *
 * @example
 * new AddressPolicy(['127.0.0.0/8']).check('127.0.0.1') // { allowed: true }
 * new AddressPolicy([]).check('10.0.0.1') // { allowed: false, reason: 'a private address' }
 */
export class AddressPolicy {
  readonly #allowlist: Array<[Address, number]>;

  constructor(allowedCidrs: string[] = []) {
    this.#allowlist = allowedCidrs.map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new Error(`not a CIDR range: ${cidr}`);
      }
    });
  }

  check(address: string): AddressVerdict {
    let parsed: Address;
    try {
      parsed = ipaddr.parse(address);
    } catch {
      return { allowed: false, reason: 'not an IP address' };
    }
    if (this.#allowlisted(parsed)) return { allowed: true };
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      return this.check((parsed as ipaddr.IPv6).toIPv4Address().toString());
    }
    if (parsed.kind() === 'ipv6' && parsed.match(NAT64)) {
      const embedded = this.check(ipaddr.fromByteArray(parsed.toByteArray().slice(12)).toString());
      return embedded.allowed ? embedded : { allowed: false, reason: `a NAT64 form of ${embedded.reason}` };
    }
    const range = parsed.range();
    if (range === 'unicast') return { allowed: true };
    if (METADATA.includes(parsed.toNormalizedString())) return { allowed: false, reason: 'a cloud metadata address' };
    return { allowed: false, reason: RANGE_WORDS[range] ?? 'a reserved address' };
  }

  #allowlisted(address: Address): boolean {
    return this.#allowlist.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
  }
}
