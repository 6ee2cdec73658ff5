import { text as readBody } from 'node:stream/consumers';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Twilio's Messages endpoint on a loopback port, answering as Twilio does (shapes recorded
 * from its API reference): `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP basic auth
 * `AccountSid:AuthToken` and a form-encoded body. It answers 201 with a queued Message resource; 401 code
 * 20003 on wrong credentials; 400 code 21211 for a `To` in `invalidNumbers`, 21610 for one in `optedOut`,
 * 21604 without `Body`; 429 code 20429 with `Retry-After` while `rateLimitNext` is above zero; 500 while
 * `failNext` is.
 */
export interface LocalTwilioServer {
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** Messages Twilio accepted, in order: the form fields as sent. */
  accepted: Array<Record<string, string>>;
  /** Every request, accepted or not (method, path, content type, form). */
  requests: Array<{ method: string; path: string; contentType: string | undefined; form: Record<string, string> }>;
  invalidNumbers: Set<string>;
  optedOut: Set<string>;
  rateLimitNext: number;
  retryAfterSeconds: number;
  failNext: number;
  close(): Promise<void>;
}

const answer = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

export async function startLocalTwilioServer(): Promise<LocalTwilioServer> {
  const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
  const authToken = 'local-twilio-auth-token-7f3a';
  let sequence = 0;
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const path = req.url ?? '';
    state.requests.push({ method: req.method ?? '', path, contentType: req.headers['content-type'], form });
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== 'POST' || !match) return answer(res, 404, twilioError(404, 20404, 'The requested resource was not found'));
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || match[1] !== accountSid) return answer(res, 401, twilioError(401, 20003, 'Authenticate'));
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return answer(res, 400, twilioError(400, 21619, 'A text message body or media urls must be specified.'));
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      return answer(res, 429, twilioError(429, 20429, 'Too Many Requests'), { 'Retry-After': String(state.retryAfterSeconds) });
    }
    if (state.failNext > 0) {
      state.failNext--;
      return answer(res, 500, twilioError(500, 20500, 'An internal server error has occurred'));
    }
    if (!form.To) return answer(res, 400, twilioError(400, 21604, "A 'To' phone number is required."));
    if (!form.Body) return answer(res, 400, twilioError(400, 21602, 'Message body is required.'));
    if (!form.From && !form.MessagingServiceSid) return answer(res, 400, twilioError(400, 21603, "A 'From' phone number is required."));
    if (state.invalidNumbers.has(form.To)) return answer(res, 400, twilioError(400, 21211, `Invalid 'To' Phone Number: ${form.To}`));
    if (state.optedOut.has(form.To)) return answer(res, 400, twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'));
    state.accepted.push(form);
    const sid = `SM${String(++sequence).padStart(32, '0')}`;
    const now = new Date().toUTCString().replace('GMT', '+0000');
    return answer(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: form.Body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to: form.To,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: LocalTwilioServer = {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accountSid,
    authToken,
    accepted: [],
    requests: [],
    invalidNumbers: new Set(),
    optedOut: new Set(),
    rateLimitNext: 0,
    retryAfterSeconds: 1,
    failNext: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}
