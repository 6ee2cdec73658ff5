/** The host resolved (or is) an address the SSRF policy refuses; nothing was sent. */
export class SsrfBlockedError extends Error {
  readonly code = 'ssrf_blocked' as const;
  readonly host: string;
  readonly address: string;
  readonly reason: string;
  constructor(host: string, address: string, reason: string) {
    super(
      host === address
        ? `${address} is ${reason}; webhooks only reach public addresses.`
        : `${host} resolves to ${address}, ${reason}; webhooks only reach public addresses.`,
    );
    this.host = host;
    this.address = address;
    this.reason = reason;
    this.name = 'SsrfBlockedError';
  }
}

/** The host name did not resolve. */
export class DnsFailureError extends Error {
  readonly code = 'dns_failure' as const;
  readonly host: string;
  constructor(host: string, cause?: unknown) {
    super(`${host} does not resolve.`, { cause });
    this.host = host;
    this.name = 'DnsFailureError';
  }
}
