/**
 * Runs every program under examples/ (JavaScript, Python, Go, Ruby, PHP) against one live reference server
 * (in-memory PGlite, the simulator, the demo accounts) and asserts what each prints. Per language: its
 * webhook receiver (registered as an endpoint) and its real-time listener are started, then its buy example
 * rents a number and injects an SMS through the sandbox endpoint; the buy must print the code, the receiver
 * must verify the signed `verification.completed` delivery (and refuse a forged one), the listener must
 * receive the same event. Prerequisites missing from a fresh clone are made here: the JS SDK's dist, the
 * Python virtualenv (sdks/python/scripts/test.sh --venv-only), the PHP autoloader, the Go binaries.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, type ReferenceServer, startReferenceServer } from '../../sdks/js/test/e2e/reference-server.ts';
import { type ExampleProcess, startExample } from './run-example.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');
const PYTHON = join(ROOT, '.toolchain/python-venv/bin/python');
const GO_BIN = mkdtempSync(join(tmpdir(), 'namaskah-examples-go-'));
const DEMO = { email: 'demo@namaskah.dev', password: 'demo-password-123' };

type Language = 'js' | 'python' | 'go' | 'ruby' | 'php';
const LANGUAGES: Language[] = ['js', 'python', 'go', 'ruby', 'php'];

/** How each language runs each example, and the code its buy example's SMS carries. */
const programs: Record<Language, { buy: string[]; code: string; receiver: (port: number) => string[]; listener: string[] }> = {
  js: {
    buy: ['node', 'buy-verification.ts', '--sandbox-sms', 'Your WhatsApp code is 310-517'],
    code: '310517',
    receiver: () => ['node', 'webhook-receiver.ts'],
    listener: ['node', 'realtime-listener.ts'],
  },
  python: {
    buy: [PYTHON, 'buy_verification.py', '--inject-sms'],
    code: '482913',
    receiver: () => [PYTHON, 'webhook_receiver.py'],
    listener: [PYTHON, 'realtime_listener.py'],
  },
  go: {
    buy: [join(GO_BIN, 'buy-verification'), '-sandbox-sms', 'Your WhatsApp code is 775-120', '-timeout', '60s'],
    code: '775120',
    receiver: () => [join(GO_BIN, 'webhook-receiver')],
    listener: [join(GO_BIN, 'realtime-listener')],
  },
  ruby: {
    buy: ['ruby', '-I', join(ROOT, 'sdks/ruby/lib'), 'buy_verification.rb', '--inject-sms', '--timeout', '60'],
    code: '482913',
    receiver: () => ['ruby', '-I', join(ROOT, 'sdks/ruby/lib'), 'webhook_receiver.rb'],
    listener: ['ruby', '-I', join(ROOT, 'sdks/ruby/lib'), 'realtime_listener.rb'],
  },
  php: {
    buy: ['php', 'buy_verification.php', '--sandbox-sms=Your WhatsApp code is 903-664', '--timeout=60'],
    code: '903664',
    receiver: (port) => ['php', '-S', `127.0.0.1:${port}`, 'webhook_receiver.php'],
    listener: ['php', 'realtime_listener.php'],
  },
};

let server: ReferenceServer;
let token: string;
const running: ExampleProcess[] = [];

function prepare(): void {
  const run = (file: string, args: string[], cwd = ROOT, env: Record<string, string> = {}) =>
    execFileSync(file, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(ROOT, 'sdks/js/dist/index.js'))) run('pnpm', ['--filter', '@namaskah/sdk', '--reporter=silent', 'build']);
  run('bash', ['sdks/python/scripts/test.sh', '--venv-only']);
  if (!existsSync(join(ROOT, 'sdks/php/vendor/autoload.php'))) run('composer', ['dump-autoload', '--quiet'], join(ROOT, 'sdks/php'));
  for (const program of ['buy-verification', 'webhook-receiver', 'realtime-listener'])
    run('go', ['build', '-o', join(GO_BIN, program), `./${program}`], join(EXAMPLES, 'go'), { GOFLAGS: '-mod=mod' });
}

async function api<T>(path: string, init: { token?: string; body?: unknown; method?: string } = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A delivery signed with a secret the receiver does not hold: it must answer 400. */
async function forgedDelivery(port: number): Promise<number> {
  const id = `msg_${randomBytes(8).toString('hex')}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id: 'evt_forged', type: 'balance.credited', data: {} });
  const signature = createHmac('sha256', randomBytes(32)).update(`${id}.${timestamp}.${body}`).digest('base64');
  const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
  return response.status;
}

async function waitForPort(port: number, process: ExampleProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${process.name} did not listen on ${port}:\n${process.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

before(async () => {
  prepare();
  server = await startReferenceServer();
  token = (await api<{ tokens: { access_token: string } }>('/v1/auth/login', { body: DEMO })).tokens.access_token;
});

after(() => {
  for (const process of running) process.stop();
  rmSync(GO_BIN, { recursive: true, force: true });
  return server?.stop();
});

// One language at a time: the server allows 5 real-time connections per user, and the listener and the
// buy example each hold one.
for (const language of LANGUAGES) {
  describe(`examples/${language}`, () => {
    const program = programs[language];
    const cwd = join(EXAMPLES, language);
    let receiver: ExampleProcess;
    let listener: ExampleProcess;
    let buy: ExampleProcess;
    let port: number;
    let endpointId: string;

    before(async () => {
      const env = { NAMASKAH_BASE_URL: server.url, NAMASKAH_API_KEY: '', NAMASKAH_EMAIL: DEMO.email, NAMASKAH_PASSWORD: DEMO.password };
      port = await freePort();
      const endpoint = await api<{ id: string; secret: string }>('/v1/webhook-endpoints', {
        token,
        body: { url: `http://127.0.0.1:${port}/webhooks`, event_types: ['verification.completed'], description: `examples/${language}` },
      });
      endpointId = endpoint.id;
      receiver = startExample(`${language} webhook receiver`, program.receiver(port), {
        cwd,
        env: { ...env, PORT: String(port), NAMASKAH_WEBHOOK_SECRET: endpoint.secret },
      });
      listener = startExample(`${language} real-time listener`, program.listener, { cwd, env });
      running.push(receiver, listener);
      await waitForPort(port, receiver);
      await listener.waitFor(/^listening$/m);
      buy = startExample(`${language} buy`, program.buy, { cwd, env });
      running.push(buy);
      await buy.exited();
    });

    after(async () => {
      receiver?.stop();
      listener?.stop();
      if (endpointId) await api(`/v1/webhook-endpoints/${endpointId}`, { token, method: 'DELETE' });
    });

    test('the buy example prints the code of the SMS injected through the sandbox', () => {
      assert.match(buy.output(), /\bver_[A-Za-z0-9]+/);
      assert.equal(/^code: (\S+)$/m.exec(buy.output())?.[1]?.replace('-', ''), program.code, buy.output());
    });

    test('the webhook receiver verifies the signed delivery and refuses a forged one', async () => {
      await receiver.waitFor(new RegExp(`^verified verification\\.completed evt_\\S+ code=${program.code}$`, 'm'), 20_000);
      assert.equal(await forgedDelivery(port), 400);
      await receiver.waitFor(/^rejected: /m, 5_000);
    });

    test('the real-time listener receives the verification.completed event', async () => {
      await listener.waitFor(new RegExp(`^event \\d+ verification\\.completed code=${program.code}$`, 'm'), 20_000);
    });
  });
}
