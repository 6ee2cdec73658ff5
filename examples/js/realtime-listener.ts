// Prints every event of the account as it happens, over the real-time channel (WebSocket, falling back to
// SSE). The connection reconnects by itself and resumes after the last sequence, so no event is lost.
//
//   NAMASKAH_BASE_URL=http://127.0.0.1:8080 node realtime-listener.ts
import { signedInClient } from './credentials.ts';

const client = await signedInClient();
const live = client.realtime.connect();
live.on('error', (error) => console.error(`real time stopped: ${error.message}`)); // a fatal error: not retried
process.once('SIGINT', () => live.close());
await live.ready; // subscribed: every later event will arrive
console.log('listening');
for await (const event of live) {
  const code = event.type === 'verification.completed' ? ` code=${event.data.code}` : '';
  console.log(`event ${event.sequence} ${event.type}${code}`);
}
