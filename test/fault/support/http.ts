/** A raw HTTP client for the fault suite, retrying what an integrator's client retries. */
import { randomUUID } from 'node:crypto';

export interface Answer {
  status: number;
  body: any;
}

/**
 * One logical request through the proxy, retried as the SDKs retry (connection errors and 5xx but 501:
 * a node died under it, nginx answered 502, the database restarted mid-statement and the node answered
 * 500) for up to `retryForMs`, with the same Idempotency-Key: a request the dead node did commit is
 * replayed, not applied twice, and a 500 releases the key so the retry runs again.
 */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; idempotent?: boolean; retryForMs?: number } = {},
): Promise<Answer & { attempts: number }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotent ?? method === 'POST') headers['idempotency-key'] = randomUUID();
  const deadline = Date.now() + (options.retryForMs ?? 20_000);
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(base + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // the server waits up to 15 s for a key another attempt holds before answering 409
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      const retryable = response.status >= 500 && response.status !== 501;
      // 409 idempotency_key_in_use: the first attempt is still running (or its node died holding it)
      const inUse = response.status === 409 && text.includes('idempotency_key_in_use');
      if ((retryable || inUse) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100 * Math.min(attempt, 10)));
        continue;
      }
      return { status: response.status, body: text ? JSON.parse(text) : undefined, attempts: attempt };
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 100 * Math.min(attempt, 10)));
    }
  }
}

/** Every item of a cursor-paginated list. */
export async function listAll(base: string, path: string, token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  for (;;) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await call(base, 'GET', `${path}${separator}limit=100${cursor ? `&starting_after=${cursor}` : ''}`, { token });
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.data);
    if (!page.body.has_more) return items;
    cursor = page.body.next_cursor ?? page.body.data.at(-1).id;
  }
}
