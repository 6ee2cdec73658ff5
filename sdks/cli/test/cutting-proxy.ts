import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of the reference server that can cut every connection through it at once: the
 * CLI's WebSocket and keep-alive HTTP sockets die as in a network failure, the server stays up.
 */
export class CuttingProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  /** host:port of the server, set once it is up (the proxy starts first: the server's PUBLIC_URL is the proxy). */
  target: { host: string; port: number } | undefined;
  cuts = 0;

  constructor() {
    this.#server = createServer((client) => {
      if (!this.target) return client.destroy();
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.once('close', () => this.#sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve) => this.#server.listen(port, '127.0.0.1', resolve));
  }

  /** Destroys every open connection; new ones are accepted again right away. */
  cut(): void {
    this.cuts++;
    for (const socket of this.#sockets) socket.destroy();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
