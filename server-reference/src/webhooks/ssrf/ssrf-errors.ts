/** The host resolved (or is) an address the SSRF policy refuses; nothing was sent. */
export class SsrfBlockedError extends Error {
  readonly code = 'ssrf_blocked' as const;
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      host === address
        ? `${address} is ${reason}; webhooks only reach public addresses.`
        : `${host} resolves to ${address}, ${reason}; webhooks only reach public addresses.`,
    );
    this.name = 'SsrfBlockedError';
  }
}

/** The host name did not resolve. */
export class DnsFailureError extends Error {
  readonly code = 'dns_failure' as const;
  constructor(
    readonly host: string,
    cause?: unknown,
  ) {
    super(`${host} does not resolve.`, { cause });
    this.name = 'DnsFailureError';
  }
}
