import { BlockList, isIP } from 'node:net';

/** Whether `ip` lies inside `cidr` (IPv4 or IPv6, with IPv4-mapped IPv6 addresses normalised). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [network = '', bits] = cidr.split('/');
  const family = isIP(network);
  if (family === 0) return false;
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const addressFamily = isIP(address);
  if (addressFamily !== family) return false;
  const list = new BlockList();
  list.addSubnet(network, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
