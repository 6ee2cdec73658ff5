import type { LoginResult, TokenPair, User } from '@namaskah/sdk';
import { client, session } from '../api/client.ts';

/** Makes a token pair the current session and loads the profile. */
export async function startSession(tokens: TokenPair, user?: User): Promise<void> {
  session.setTokens(tokens);
  session.setUser(user ?? (await client.me.retrieve()));
}

/** Password login; the result says whether a second factor is still needed. */
export async function logIn(email: string, password: string): Promise<LoginResult> {
  const result = await client.auth.login({ email, password });
  if (result.result === 'authenticated') await startSession(result.tokens, result.user);
  return result;
}

/** On page load: trade a stored refresh token for a session, or land signed out. */
export async function restoreSession(): Promise<void> {
  if (!session.hasRefreshToken) return session.clear();
  try {
    await session.refresh();
    session.setUser(await client.me.retrieve());
  } catch {
    session.clear();
  }
}

/** Ends the session on the server (revoking its refresh token), then forgets it here whatever happens. */
export async function logOut(): Promise<void> {
  try {
    await client.auth.logout({ maxRetries: 0 });
  } finally {
    session.clear();
  }
}
