import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WebSocketSession, type SessionDeps } from './websocket-session.ts';

/** The attached WebSocket endpoint. */
export interface AttachedWebSocket {
  /** Open connections on this node. */
  readonly connections: number;
  /** Closes every connection with 1001 and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * Serves the WebSocket channel on `server` (the node HTTP server of @hono/node-server's `serve`): upgrades
 * to `config.path` become sessions; other upgrade requests are left to other handlers. No credential is
 * read from the URL: authentication is the first message.
 */
export function attachWebSocketServer(server: Pick<Server, 'on' | 'off'>, deps: SessionDeps): AttachedWebSocket {
  // no per-message compression: it costs ~300 KB of zlib state per connection
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false, clientTracking: false });
  const sessions = new Set<WebSocketSession>();
  let closing = false;
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== deps.config.path) return;
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const session = new WebSocketSession(ws, deps);
      sessions.add(session);
      ws.on('close', () => sessions.delete(session));
    });
  };
  server.on('upgrade', onUpgrade);
  return {
    get connections() {
      return sessions.size;
    },
    async close() {
      closing = true;
      server.off('upgrade', onUpgrade);
      for (const session of sessions) session.goingAway();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
