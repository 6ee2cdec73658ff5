import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoginError } from '../errors/exit-codes.js';

/** The CLI's OAuth client (registered by the server's migration 1780 with a loopback redirect). */
export const CLI_CLIENT_ID = 'oac_namaskahcli';

/** What the browser brought back to the loopback redirect. */
export interface AuthorizationResult {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * One authorization-code + PKCE round (RFC 6749 §4.1, RFC 7636) through a redirect to a loopback listener
 * (RFC 8252 §7.3): listens on 127.0.0.1 on a port the system picks, gives the consent-page URL to `open`,
 * and resolves with the code once the browser comes back with the same `state`. An `error` (the user said
 * no) rejects; so does the timeout. The listener closes either way.
 */
export async function authorizeInBrowser(options: {
  baseUrl: string;
  scope?: string;
  timeoutMs: number;
  open: (url: string) => void;
}): Promise<AuthorizationResult> {
  const codeVerifier = randomBytes(48).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  let server: Server | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<AuthorizationResult>((resolve, reject) => {
      server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname !== '/callback' || url.searchParams.get('state') !== state) {
          // another tab or a stale redirect: not ours, and not an answer
          res
            .writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
            .end(page('Not this login', 'This link is not for the login in progress.'));
          return;
        }
        const error = url.searchParams.get('error');
        const code = url.searchParams.get('code');
        if (error || !code) {
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(page('Login cancelled', 'Nothing was stored. You can close this tab.'));
          reject(new LoginError(`the browser login was not approved (${error ?? 'no code'})`));
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(page('Logged in', 'The namaskah CLI is signed in. You can close this tab.'));
        resolve({ code, codeVerifier, redirectUri: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/callback` });
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const redirectUri = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/callback`;
        const consent = new URL('/oauth/authorize', options.baseUrl);
        consent.search = new URLSearchParams({
          response_type: 'code',
          client_id: CLI_CLIENT_ID,
          redirect_uri: redirectUri,
          code_challenge: codeChallenge,
          code_challenge_method: 'S256',
          state,
          ...(options.scope ? { scope: options.scope } : {}),
        }).toString();
        options.open(consent.href);
      });
      timer = setTimeout(() => reject(new LoginError('the browser login timed out')), options.timeoutMs);
    });
  } finally {
    clearTimeout(timer);
    server?.closeAllConnections();
    server?.close();
  }
}
