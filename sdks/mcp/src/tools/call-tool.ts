import { ApiError, type Namaskah, NamaskahError } from '@namaskah/sdk';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpTool } from '../generated/tools.js';
import { buildRequest, IDEMPOTENCY_ARGUMENT } from './build-request.js';

/**
 * Makes one tool call through the SDK's HTTP engine (auth, retries, typed errors, one idempotency key per
 * call unless the caller gives its own) and answers its JSON. A problem answer is a tool error carrying the
 * problem's `code` and `detail` (and field errors), so the model can correct its arguments; the SDK's own
 * refusals are tool errors too.
 */
export async function callTool(client: Namaskah, tool: McpTool, args: Readonly<Record<string, unknown>>): Promise<CallToolResult> {
  try {
    const idempotencyKey = tool.idempotent ? args[IDEMPOTENCY_ARGUMENT] : undefined;
    const options = typeof idempotencyKey === 'string' ? { idempotencyKey } : {};
    const result: unknown = await client.http.request(buildRequest(tool, args), options);
    return await success(tool, result);
  } catch (error) {
    if (error instanceof ApiError) return problemResult(error);
    if (error instanceof NamaskahError) return errorResult({ error: error.name, message: error.message });
    throw error;
  }
}

async function success(tool: McpTool, result: unknown): Promise<CallToolResult> {
  if (result instanceof Blob) {
    const blob = Buffer.from(await result.arrayBuffer()).toString('base64');
    const mimeType = result.type || 'application/octet-stream';
    return { content: [{ type: 'resource', resource: { uri: `namaskah:${tool.operationId}`, mimeType, blob } }] };
  }
  if (typeof result === 'string') return { content: [{ type: 'text', text: result }] };
  const json = result ?? { ok: true };
  return {
    content: [{ type: 'text', text: JSON.stringify(json, null, 2) }],
    ...(typeof json === 'object' && !Array.isArray(json) ? { structuredContent: json as Record<string, unknown> } : {}),
  };
}

function problemResult(error: ApiError): CallToolResult {
  const problem = error.problem;
  return errorResult({
    status: error.status,
    code: error.code ?? null,
    detail: problem?.detail ?? problem?.title ?? error.message,
    ...(error.fieldErrors?.length ? { errors: error.fieldErrors } : {}),
    ...(error.requestId ? { request_id: error.requestId } : {}),
  });
}

/** A tool error the model reads: the JSON of what went wrong. */
export function errorResult(body: Record<string, unknown>): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body, null, 2) }] };
}
