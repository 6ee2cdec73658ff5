import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  id: string;
  type: string;
  sequence: number;
  webhookId: string;
  /** Whether the Standard Webhooks signature verified with the session secret. */
  verified: boolean;
}

/**
 * The user's local webhook handler: verifies each delivery with the `standardwebhooks` package (the
 * reference implementation, not the SDK that signed it) and records it; answers 204.
 */
export class WebhookReceiver {
  readonly events: ReceivedEvent[] = [];
  secret: string | undefined;
  readonly #server: Server;

  constructor() {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as { id: string; type: string; sequence: number };
        this.events.push({
          id: event.id,
          type: event.type,
          sequence: event.sequence,
          webhookId: String(req.headers['webhook-id']),
          verified: this.#verify(body, req.headers),
        });
        res.writeHead(204).end();
      });
    });
  }

  #verify(body: string, headers: IncomingHttpHeaders): boolean {
    try {
      new Webhook(this.secret!).verify(body, headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as { port: number };
    return `http://127.0.0.1:${port}/webhooks`;
  }

  /** Resolves once `predicate` holds for the events received so far. */
  async until(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
