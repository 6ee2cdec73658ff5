import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const serverDir = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  url: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real reference server (`src/main.ts`) as a child process on a free port, with in-memory
 * PGlite, the simulator (no automatic SMS: tests inject codes through the sandbox endpoint) and the
 * demo accounts; resolves once /v1/health answers.
 */
export async function startReferenceServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: serverDir,
    detached: true, // its own process group, so stop() ends the server and anything it starts, and nothing else
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: 'memory://',
      SIMULATOR_NO_SMS_RATE: '1',
      SIMULATOR_MIN_CANCEL_AFTER_MS: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The reference server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) return { url, output: () => output, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The reference server did not answer /v1/health within 60 s:\n${output}`);
}
