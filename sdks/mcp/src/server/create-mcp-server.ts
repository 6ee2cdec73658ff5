import type { Namaskah } from '@namaskah/sdk';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { type McpTool, TOOLS } from '../generated/tools.js';
import { VERSION } from '../program/version.js';
import { callTool, errorResult } from '../tools/call-tool.js';
import { refusalOf, type ToolAccess } from '../tools/tool-access.js';

/**
 * An MCP server offering the tools `access` allows, each call made through `client`. The tool list is the
 * generated table, not hand-registered tools, so it goes to the protocol handlers directly.
 */
export function createMcpServer(client: Namaskah, access: ToolAccess): McpServer {
  const offered = TOOLS.filter((tool) => refusalOf(tool, access) === undefined);
  const mcp = new McpServer(
    { name: 'namaskah', title: 'Namaskah', version: VERSION },
    {
      capabilities: { tools: { listChanged: false } },
      instructions:
        'Namaskah SMS verification: rent a number for a service and country, receive its code, get refunded when none arrives. Money is in integer minor units (cents).',
    },
  );
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: offered.map(describeTool) }));
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = TOOLS.find((t) => t.name === request.params.name);
    if (!tool) return errorResult({ error: 'unknown_tool', message: `There is no tool named ${request.params.name}.` });
    const refusal = refusalOf(tool, access);
    if (refusal) return errorResult({ error: 'tool_refused', message: refusal });
    const args = request.params.arguments ?? {};
    const missing = ((tool.inputSchema.required as string[] | undefined) ?? []).filter((name) => args[name] === undefined);
    if (missing.length) return errorResult({ error: 'invalid_arguments', message: `Missing required argument(s): ${missing.join(', ')}.` });
    return callTool(client, tool, args);
  });
  return mcp;
}

/** A table row as MCP's tool listing: schema, hints, and the risk marks under `_meta`. */
function describeTool(tool: McpTool): Tool {
  const readOnly = tool.method === 'get';
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: {
      ...(tool.title ? { title: tool.title } : {}),
      readOnlyHint: readOnly,
      destructiveHint: tool.destructive,
      idempotentHint: readOnly || tool.idempotent,
      openWorldHint: true,
    },
    _meta: { 'namaskah/moves_money': tool.movesMoney, 'namaskah/destructive': tool.destructive, 'namaskah/operation_id': tool.operationId },
  };
}
