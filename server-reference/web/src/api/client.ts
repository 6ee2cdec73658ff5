import { Namaskah } from '@namaskah/sdk/admin';
import { SessionStore } from '../session/session-store.ts';
import { retryOnceWithFreshToken } from './retry-with-fresh-token.ts';

const baseUrl = window.location.origin;

// Refresh runs on a client of its own without retries: a retried rotation would present a spent token.
const refreshClient = new Namaskah({ baseUrl, maxRetries: 0 });

/** The signed-in session (access token in memory, refresh token in sessionStorage). */
export const session = new SessionStore({
  refresh: (refreshToken) => refreshClient.auth.refresh({ refresh_token: refreshToken }),
});

/**
 * The one SDK client every page uses: same origin, bearer from the session, one retry after a 401. It is the
 * admin entry's client, which adds `client.admin` for the admin pages (the server decides who may call them).
 */
export const client = new Namaskah({
  baseUrl,
  apiKey: session.accessToken,
  fetch: retryOnceWithFreshToken(session),
});
