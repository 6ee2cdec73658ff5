// Receives Namaskah webhooks and checks their Standard Webhooks signature before trusting them.
//
//   NAMASKAH_WEBHOOK_SECRET=whsec_... PORT=4242 node webhook-receiver.ts
//
// Register http(s)://<this host>:4242/webhooks as an endpoint (POST /v1/webhook-endpoints); its `secret`
// is what NAMASKAH_WEBHOOK_SECRET must hold. A 2xx tells Namaskah the delivery arrived; anything else (or no
// answer within 15 s) makes it retry later, so answer fast and do slow work elsewhere.
import { createServer } from 'node:http';
import { Webhooks, WebhookVerificationError } from '@namaskah/sdk/webhooks';

const webhooks = new Webhooks(); // the secret from NAMASKAH_WEBHOOK_SECRET
const port = Number(process.env.PORT ?? 4242);
const seen = new Set<string>(); // delivery is at least once: dedupe by event id (use your database)

const server = createServer(async (request, response) => {
  if (request.method !== 'POST' || request.url !== '/webhooks') return response.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks); // the exact bytes: a re-encoded JSON.parse result never verifies
  try {
    const event = await webhooks.verify(rawBody, request.headers);
    response.writeHead(204).end();
    if (seen.has(event.id)) return;
    seen.add(event.id);
    const code = event.type === 'verification.completed' ? ` code=${event.data.code}` : '';
    console.log(`verified ${event.type} ${event.id}${code}`);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.log(`rejected: ${error.message}`);
    response.writeHead(400, { 'content-type': 'text/plain' }).end('invalid signature\n');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/webhooks`));
