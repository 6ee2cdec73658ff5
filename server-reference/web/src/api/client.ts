import { Namaskah } from '@namaskah/sdk';
import { SessionStore } from '../session/session-store.ts';
import { retryOnceWithFreshToken } from './retry-with-fresh-token.ts';

const baseUrl = window.location.origin;

// Refresh runs on a client of its own without retries: a retried rotation would present a spent token.
const refreshClient = new Namaskah({ baseUrl, maxRetries: 0 });

/** The signed-in session (access token in memory, refresh token in sessionStorage). */
export const session = new SessionStore({
  refresh: (refreshToken) => refreshClient.auth.refresh({ refresh_token: refreshToken }),
});

/** The one SDK client every page uses: same origin, bearer from the session, one retry after a 401. */
export const client = new Namaskah({
  baseUrl,
  apiKey: session.accessToken,
  fetch: retryOnceWithFreshToken(session),
});
