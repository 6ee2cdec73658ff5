import { generatedHeader } from '../core/generated-file.js';
import type { McpModel } from './tool-model.js';

/** The types the table is written in, printed verbatim so the MCP package imports nothing from generators/. */
const TYPES = `
/** One API operation as an MCP tool: how its arguments become a request, and who may call it. */
export interface McpTool {
  name: string;
  title?: string;
  description: string;
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  httpPath: string;
  pathParams: readonly string[];
  queryParams: readonly string[];
  headerParams: readonly string[];
  /** \`fields\`: the body's fields are arguments; \`argument\`: the whole body is the \`body\` argument. */
  body?: { kind: 'json' | 'form'; required: boolean; shape: 'fields' | 'argument' };
  response: 'json' | 'binary' | 'text' | 'redirect' | 'empty';
  /** Takes an \`Idempotency-Key\`: the optional \`idempotency_key\` argument. */
  idempotent: boolean;
  /** Callable with no credential at all (\`security: []\`, or an empty alternative). */
  public: boolean;
  /** Each security scheme's scopes (\`{ apiKey: ['verifications:write'] }\`; \`[]\`: any credential of it). */
  scopes: Readonly<Record<string, readonly string[]>>;
  destructive: boolean;
  movesMoney: boolean;
  inputSchema: { type: 'object'; [key: string]: unknown };
}
`;

/** \`src/generated/tools.ts\`: the types, then every tool in plan order. */
export function printToolTable(model: McpModel): string {
  return `${generatedHeader('//')}${TYPES}
/** Every operation of the contract a tool call can make, one tool each. */
export const TOOLS: readonly McpTool[] = ${JSON.stringify(model.tools, null, 2)};
`;
}
