import type { TokenPair, User } from '@namaskah/sdk';

/** Where the refresh token lives between page loads (see README: why sessionStorage). */
const REFRESH_TOKEN_KEY = 'namaskah.refresh_token';
/** Refresh this long before the access token expires, so no request is sent with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

export interface SessionSnapshot {
  status: 'restoring' | 'signed-out' | 'signed-in';
  user: User | null;
}

export interface SessionStoreOptions {
  /** Exchanges a refresh token for a new pair (rotation: the old one is dead afterwards). */
  refresh: (refreshToken: string) => PromiseLike<TokenPair>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now?: () => number;
}

/**
 * Holds the signed-in session: the access token in memory only, the rotating refresh token in
 * sessionStorage. One refresh at a time (concurrent callers share it), because presenting a rotated
 * refresh token twice is treated by the server as theft and revokes the whole session.
 */
export class SessionStore {
  #access: { token: string; expiresAt: number } | null = null;
  #snapshot: SessionSnapshot = { status: 'restoring', user: null };
  #refreshing: Promise<string> | null = null;
  readonly #listeners = new Set<() => void>();
  readonly #options: SessionStoreOptions;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly #now: () => number;

  constructor(options: SessionStoreOptions) {
    this.#options = options;
    this.#storage = options.storage ?? sessionStorage;
    this.#now = options.now ?? Date.now;
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  get hasRefreshToken(): boolean {
    return this.#storage.getItem(REFRESH_TOKEN_KEY) !== null;
  }

  /** Stores a fresh token pair (after login, sign-up or a second-factor step). */
  setTokens(tokens: TokenPair): void {
    this.#access = { token: tokens.access_token, expiresAt: this.#now() + tokens.expires_in * 1000 };
    this.#storage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token);
  }

  setUser(user: User): void {
    this.#set({ status: 'signed-in', user });
  }

  /** The access token for the next request, refreshed first when it is about to expire; '' when signed out. */
  accessToken = async (): Promise<string> => {
    if (this.#access && this.#access.expiresAt - EXPIRY_MARGIN_MS > this.#now()) return this.#access.token;
    if (!this.hasRefreshToken) return '';
    return this.refresh();
  };

  /** Rotates the refresh token; concurrent callers wait for the same rotation. Signs out when it fails. */
  refresh(): Promise<string> {
    this.#refreshing ??= (async () => {
      const refreshToken = this.#storage.getItem(REFRESH_TOKEN_KEY);
      if (!refreshToken) throw new Error('No session to refresh.');
      try {
        const tokens = await this.#options.refresh(refreshToken);
        this.setTokens(tokens);
        return tokens.access_token;
      } catch (error) {
        this.clear();
        throw error;
      }
    })().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  /** Forgets everything (after logout, or when the refresh token was refused). */
  clear(): void {
    this.#access = null;
    this.#storage.removeItem(REFRESH_TOKEN_KEY);
    this.#set({ status: 'signed-out', user: null });
  }

  #set(snapshot: SessionSnapshot): void {
    this.#snapshot = snapshot;
    for (const listener of this.#listeners) listener();
  }
}
