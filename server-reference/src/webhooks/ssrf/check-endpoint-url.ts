import { ApiError, problems } from '../../errors/index.ts';
import type { AddressPolicy } from './address-policy.ts';
import type { HostResolver } from './host-resolver.ts';
import { resolveAllowedAddress } from './resolve-allowed-address.ts';
import { DnsFailureError, SsrfBlockedError } from './ssrf-errors.ts';

const invalid = (message: string) => problems.validation([{ field: '/body/url', code: 'invalid', message }]);

/**
 * Checks an endpoint URL at registration (and on change): `https` (or `http` when the operator allows
 * it), no credentials or fragment, a host that resolves, and only to addresses the SSRF policy accepts.
 * Throws the problem the spec names: 422 `validation_failed` or `webhook_url_not_allowed`. Delivery checks
 * again at every connection (see `guardedConnector`), since DNS answers change.
 */
export async function checkEndpointUrl(
  raw: string,
  options: { policy: AddressPolicy; resolve: HostResolver; allowHttp: boolean },
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must be an https URL');
  if (url.protocol === 'http:' && !options.allowHttp) {
    throw new ApiError('webhook_url_not_allowed', 'Webhook URLs must use https; this server does not allow http.');
  }
  if (url.username || url.password) throw invalid('must not contain a user name or password');
  if (url.hash || raw.includes('#')) throw invalid('must not contain a fragment');
  try {
    await resolveAllowedAddress(url.hostname, options.policy, options.resolve);
  } catch (error) {
    if (error instanceof SsrfBlockedError) throw new ApiError('webhook_url_not_allowed', error.message);
    if (error instanceof DnsFailureError) throw invalid(`the host ${error.host} does not resolve`);
    throw error;
  }
  return url;
}
