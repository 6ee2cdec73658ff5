import type { Emitter } from '../core/emitter.js';
import { formatWithPrettier } from '../core/formatters/index.js';
import { printToolTable } from './print-tool-table.js';
import { refine } from './refine.js';
import type { McpModel } from './tool-model.js';

export const MCP_TOOLS_GENERATOR = 'namaskah-generators/mcp-tools';

/**
 * The `namaskah-mcp` server's tool table (sdks/mcp/src/generated/): one tool per operation, its input JSON
 * Schema from the IR's parameters and body, its scopes and risk flags. The server's runtime turns a call into
 * the SDK's low-level request, so no operation has hand-written code.
 */
export const mcpToolsEmitter: Emitter<McpModel> = {
  name: 'mcp-tools',
  generator: MCP_TOOLS_GENERATOR,
  outputRoot: 'sdks/mcp',
  goldenDir: 'mcp',
  refine,
  print: (model) => [{ path: 'src/generated/tools.ts', contents: printToolTable(model) }],
  format: formatWithPrettier,
};
