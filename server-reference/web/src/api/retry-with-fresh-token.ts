import type { SessionStore } from '../session/session-store.ts';

/**
 * A fetch that, when a bearer request gets 401 (a token revoked or expired early, e.g. after the
 * machine slept), rotates the refresh token once and resends with the new access token.
 */
export function retryOnceWithFreshToken(session: SessionStore): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const headers = new Headers(init?.headers);
    if (response.status !== 401 || !headers.get('Authorization') || !session.hasRefreshToken) return response;
    let token: string;
    try {
      token = await session.refresh();
    } catch {
      return response;
    }
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}
