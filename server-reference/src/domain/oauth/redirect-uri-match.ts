/** Loopback hosts a native app listens on for its redirect (RFC 8252 §7.3; `localhost` is not one, §8.3). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/**
 * Whether a requested redirect URI is one the client registered: character for character, except that a
 * registered loopback URI (`http://127.0.0.1/callback`, no port) accepts any port, because a native app such
 * as the CLI listens on whichever port the system gives it (RFC 8252 §7.3). The rest must be the registered
 * text exactly (a URI that is not already in normal form, `/./callback`, does not match).
 */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  if (!URL.canParse(requested)) return false;
  const asked = new URL(requested);
  if (asked.href !== requested || asked.protocol !== 'http:' || !LOOPBACK_HOSTS.has(asked.hostname) || asked.port === '') return false;
  asked.port = '';
  return registered.includes(asked.href);
}
