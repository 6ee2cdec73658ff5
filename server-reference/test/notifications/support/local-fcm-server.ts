import { text as readBody } from 'node:stream/consumers';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI, jwtVerify } from 'jose';
import type { ServiceAccount } from '../../../src/notifications/channels/push/fcm/fcm-access-token.ts';

/**
 * A stand-in for Google's OAuth 2.0 token endpoint and the FCM HTTP v1 send endpoint on a loopback port.
 * The token endpoint verifies the service-account JWT (RS256, issuer, audience, scope) like Google does;
 * the send endpoint accepts only the access tokens it issued, and answers by token prefix: `dead-`
 * UNREGISTERED (404), `bad-` INVALID_ARGUMENT (400), `busy-` UNAVAILABLE (503), otherwise 200.
 */
export interface LocalFcmServer {
  endpoint: string;
  serviceAccount: ServiceAccount;
  tokenRequests: number;
  /** Bodies of the send requests, in order. */
  messages: any[];
  /** Makes every access token issued so far invalid (as if revoked). */
  revokeTokens(): void;
  close(): Promise<void>;
}

const fcmError = (code: number, status: string, errorCode: string) => ({
  error: {
    code,
    message: `${errorCode} (local FCM)`,
    status,
    details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }],
  },
});

export async function startLocalFcmServer(projectId = 'namaskah-test'): Promise<LocalFcmServer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const verifyKey = await importSPKI(publicKey, 'RS256');
  const clientEmail = `push@${projectId}.iam.gserviceaccount.com`;
  const validTokens = new Set<string>();
  let issued = 0;
  let tokenUri = '';

  const state: LocalFcmServer = {
    endpoint: '',
    serviceAccount: { client_email: clientEmail, private_key: privateKey, project_id: projectId },
    tokenRequests: 0,
    messages: [],
    revokeTokens: () => validTokens.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const body = await readBody(req);
    if (req.method === 'POST' && req.url === '/token') {
      state.tokenRequests++;
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return send(400, { error: 'unsupported_grant_type' });
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', verifyKey, {
          issuer: clientEmail,
          audience: tokenUri,
          algorithms: ['RS256'],
        });
        if (payload.scope !== 'https://www.googleapis.com/auth/firebase.messaging') return send(400, { error: 'invalid_scope' });
      } catch {
        return send(400, { error: 'invalid_grant' });
      }
      const accessToken = `ya29.local-${++issued}`;
      validTokens.add(accessToken);
      return send(200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
    }
    if (req.method === 'POST' && req.url === `/v1/projects/${projectId}/messages:send`) {
      const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!validTokens.has(bearer))
        return send(401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' } });
      const message = JSON.parse(body);
      state.messages.push(message);
      const token: string = message?.message?.token ?? '';
      if (token.startsWith('dead-')) return send(404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED'));
      if (token.startsWith('bad-')) return send(400, fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'));
      if (token.startsWith('busy-')) return send(503, fcmError(503, 'UNAVAILABLE', 'UNAVAILABLE'));
      return send(200, { name: `projects/${projectId}/messages/${state.messages.length}` });
    }
    send(404, { error: { code: 404, status: 'NOT_FOUND' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.endpoint = `http://127.0.0.1:${port}`;
  tokenUri = `${state.endpoint}/token`;
  state.serviceAccount.token_uri = tokenUri;
  return state;
}
