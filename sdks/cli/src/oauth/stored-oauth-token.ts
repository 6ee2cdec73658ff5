import { Namaskah, type OAuthToken } from '@namaskah/sdk';
import { readConfig, type StoredOAuthTokens, withConfigLock, writeConfig } from '../config/config-store.js';
import { LoginError } from '../errors/exit-codes.js';
import { CLI_CLIENT_ID } from './loopback-authorization.js';

/** Renewed this long before it expires, so a request never leaves with a token about to lapse. */
const RENEW_AHEAD_MS = 30_000;

export const storedTokens = (token: OAuthToken): StoredOAuthTokens => ({
  access_token: token.access_token,
  refresh_token: token.refresh_token,
  expires_at: new Date(Date.now() + token.expires_in * 1000).toISOString(),
  scope: token.scope,
});

const fresh = (tokens: StoredOAuthTokens): boolean => Date.parse(tokens.expires_at) - RENEW_AHEAD_MS > Date.now();

/**
 * The SDK's `apiKey` for a profile holding a browser login: the stored access token while it is fresh, else
 * renewed once with the refresh token (rotated, RFC 6749 §6) under the config lock and stored again. Another
 * process that renewed first is seen after taking the lock, and its token is used instead.
 */
export function storedOAuthToken(profile: string, baseUrl: string | undefined): () => Promise<string> {
  let cached: StoredOAuthTokens | undefined;
  return async () => {
    if (cached && fresh(cached)) return cached.access_token;
    cached = readConfig().profiles[profile]?.oauth;
    if (cached && fresh(cached)) return cached.access_token;
    cached = await withConfigLock(async () => {
      const stored = readConfig().profiles[profile]?.oauth;
      if (!stored) throw new LoginError(`profile ${profile} has no browser login any more: run \`namaskah login --browser\``);
      if (fresh(stored)) return stored;
      // Without retries: a retried rotation would present a refresh token the first attempt already spent.
      const renewed = await new Namaskah({ ...(baseUrl ? { baseUrl } : {}), maxRetries: 0 }).oauth.tokens
        .create({ grant_type: 'refresh_token', refresh_token: stored.refresh_token, client_id: CLI_CLIENT_ID })
        .catch((error: unknown) => {
          throw new LoginError(`the browser login could not be renewed (${(error as Error).message}): run \`namaskah login --browser\``);
        });
      const config = readConfig();
      const tokens = storedTokens(renewed);
      config.profiles[profile] = { ...config.profiles[profile], oauth: tokens };
      writeConfig(config);
      return tokens;
    });
    return cached.access_token;
  };
}
