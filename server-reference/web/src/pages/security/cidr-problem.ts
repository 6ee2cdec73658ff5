import ipaddr from 'ipaddr.js';

/**
 * Why `text` is not a network the allowlist takes (IPv4 or IPv6 CIDR with the host bits zero), or null
 * when it is. The server checks again and has the last word; this only saves a round trip for a typo.
 *
 * @example
 * cidrProblem('10.0.0.1/24') // 'Host bits must be zero: did you mean 10.0.0.0/24?'
 */
export function cidrProblem(text: string): string | null {
  const fourPart = ipaddr.IPv4.isValidCIDRFourPartDecimal(text);
  if (!fourPart && !ipaddr.IPv6.isValidCIDR(text)) return 'Enter a network in CIDR notation, like 203.0.113.0/24 or 2001:db8::/32.';
  const [address, bits] = ipaddr.parseCIDR(text);
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  if (network.toNormalizedString() !== address.toNormalizedString())
    return `Host bits must be zero: did you mean ${network.toString()}/${bits}?`;
  return null;
}
