import { generateKeyPairSync } from 'node:crypto';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { generate } from 'selfsigned';

/** One request the local APNs accepted for processing. */
export interface ApnsRequest {
  httpVersion: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The provider token's decoded claims and header. */
  jwt: { kid?: string; alg?: string; iss?: string; iat?: number; raw: string };
  body: any;
}

/**
 * A stand-in for APNs: HTTP/2 over TLS with a self-signed certificate made for the test, token auth
 * checked (ES256 signature by the team's key, `kid`, `iss`), and Apple's answers chosen by device token
 * prefix: `dead` 410 Unregistered, `bad` 400 BadDeviceToken, `busy` 503, otherwise 200 with an apns-id.
 * `expireTokensOnce()` makes the next request answer 403 ExpiredProviderToken.
 */
export interface LocalApnsServer {
  origin: string;
  /** The certificate to trust (PEM). */
  ca: string;
  teamId: string;
  keyId: string;
  /** PKCS#8 PEM of the team's signing key. */
  privateKey: string;
  requests: ApnsRequest[];
  expireTokensOnce(): void;
  close(): Promise<void>;
}

export async function startLocalApnsServer(): Promise<LocalApnsServer> {
  const tls = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const signing = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const verifyKey = await importSPKI(signing.publicKey, 'ES256');
  const teamId = 'TEAM123456';
  const keyId = 'KEY7654321';
  let expireOnce = false;
  const requests: ApnsRequest[] = [];

  const server: Http2SecureServer = createSecureServer({ key: tls.private, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const answer = (status: number, reason?: string) => {
        res.writeHead(status, { 'apns-id': `apns-${requests.length}`, ...(reason ? { 'content-type': 'application/json' } : {}) });
        if (reason) res.end(JSON.stringify({ reason, ...(status === 410 ? { timestamp: Date.now() } : {}) }));
        else res.end();
      };
      const raw = String(req.headers.authorization ?? '').replace(/^bearer /, '');
      try {
        await jwtVerify(raw, verifyKey, { issuer: teamId, algorithms: ['ES256'] });
        if (decodeProtectedHeader(raw).kid !== keyId) return answer(403, 'InvalidProviderToken');
      } catch {
        return answer(403, 'InvalidProviderToken');
      }
      const header = decodeProtectedHeader(raw);
      const claims = decodeJwt(raw);
      requests.push({
        httpVersion: req.httpVersion,
        path: req.url,
        headers: { ...req.headers },
        jwt: { kid: header.kid, alg: header.alg, iss: claims.iss, iat: claims.iat, raw },
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
      });
      if (expireOnce) {
        expireOnce = false;
        return answer(403, 'ExpiredProviderToken');
      }
      if (!req.headers['apns-topic']) return answer(400, 'MissingTopic');
      const token = req.url.split('/').pop() ?? '';
      if (token.startsWith('dead')) return answer(410, 'Unregistered');
      if (token.startsWith('bad')) return answer(400, 'BadDeviceToken');
      if (token.startsWith('busy')) return answer(503, 'ServiceUnavailable');
      answer(200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    ca: tls.cert,
    teamId,
    keyId,
    privateKey: signing.privateKey,
    requests,
    expireTokensOnce() {
      expireOnce = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
