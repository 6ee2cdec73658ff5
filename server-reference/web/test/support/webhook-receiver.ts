import { createServer, type Server } from 'node:http';

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: `/ok` answers 200 with a small JSON body, any other path 500 `receiver broke`. */
  url: string;
  close: () => Promise<void>;
}

/** A local HTTP server standing in for a customer's webhook endpoint (the sandbox lets loopback through). */
export function startWebhookReceiver(): Promise<WebhookReceiver> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/ok') response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      else response.writeHead(500, { 'content-type': 'text/plain' }).end('receiver broke');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
