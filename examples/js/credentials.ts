import { Namaskah } from '@namaskah/sdk';

/**
 * A client signed in with `NAMASKAH_API_KEY`, or else with an access token from logging in as
 * `NAMASKAH_EMAIL` / `NAMASKAH_PASSWORD` (the reference server's demo account by default).
 * `NAMASKAH_BASE_URL` picks the server in both cases.
 */
export async function signedInClient(): Promise<Namaskah> {
  if (process.env.NAMASKAH_API_KEY) return new Namaskah();
  const login = await new Namaskah({ apiKey: '' }).auth.login({
    email: process.env.NAMASKAH_EMAIL ?? 'demo@namaskah.dev',
    password: process.env.NAMASKAH_PASSWORD ?? 'demo-password-123',
  });
  if (login.result !== 'authenticated') throw new Error('this account needs a second factor: use an API key instead');
  return new Namaskah({ apiKey: login.tokens.access_token });
}
