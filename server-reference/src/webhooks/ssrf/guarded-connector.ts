import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy.ts';
import type { HostResolver } from './host-resolver.ts';
import { bareHost, resolveAllowedAddress } from './resolve-allowed-address.ts';
import { SsrfBlockedError } from './ssrf-errors.ts';

/**
 * An undici `connect` function that enforces the SSRF policy on every new connection: it resolves the host
 * itself, checks every address, then opens the socket to exactly the address it checked (TLS still
 * verifies the certificate against the host name), so a DNS answer that changes between the check and the
 * connection cannot point it inwards. The peer address of the opened socket is checked once more.
 *
 * @example
 * const agent = new Agent({ connect: guardedConnector({ policy, resolve: systemResolver, timeoutMs: 15_000 }) });
 */
export function guardedConnector(options: { policy: AddressPolicy; resolve: HostResolver; timeoutMs: number }): buildConnector.connector {
  const connect = buildConnector({ timeout: options.timeoutMs });
  return (target, callback) => {
    const host = bareHost(target.hostname);
    resolveAllowedAddress(host, options.policy, options.resolve).then(
      (address) => {
        connect({ ...target, hostname: address, servername: isIP(host) ? undefined : target.servername || host }, (error, socket) => {
          if (error) return callback(error, null);
          const peer = socket!.remoteAddress;
          const verdict = peer ? options.policy.check(peer) : { allowed: false as const, reason: 'an unknown address' };
          if (!verdict.allowed) {
            socket!.destroy();
            return callback(new SsrfBlockedError(host, peer ?? '?', verdict.reason), null);
          }
          callback(null, socket!);
        });
      },
      (error: Error) => callback(error, null),
    );
  };
}
