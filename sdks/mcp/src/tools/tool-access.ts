import type { McpTool } from '../generated/tools.js';

/** The security scheme of an API key in the contract (`components.securitySchemes.apiKey`). */
const API_KEY_SCHEME = 'apiKey';

/** What the server was started with: the key's scopes (none without a key) and the explicit allow flags. */
export interface ToolAccess {
  /** The API key's scopes, or `undefined` when the server runs without a key (public tools only). */
  keyScopes: readonly string[] | undefined;
  allowMoneyMovement: boolean;
  allowDestructive: boolean;
}

/** Why a tool is not offered, or `undefined` when it may be called. */
export function refusalOf(tool: McpTool, access: ToolAccess): string | undefined {
  if (!keyMayCall(tool, access.keyScopes)) {
    const scopes = tool.scopes[API_KEY_SCHEME];
    if (!scopes)
      return `${tool.name} cannot be called with an API key (it takes another credential: ${Object.keys(tool.scopes).join(', ')}).`;
    if (access.keyScopes === undefined) return `${tool.name} needs an API key (set NAMASKAH_API_KEY).`;
    return `${tool.name} needs an API key with the ${scopes.join(', ')} scope.`;
  }
  if (tool.movesMoney && !access.allowMoneyMovement) {
    return `${tool.name} moves money (charges, credits or refunds a wallet); start namaskah-mcp with --allow-money-movement to call it.`;
  }
  if (tool.destructive && !access.allowDestructive) {
    return `${tool.name} deletes or revokes something that cannot be brought back; start namaskah-mcp with --allow-destructive to call it.`;
  }
  return undefined;
}

/**
 * A tool callable with no credential at all, or one whose `apiKey` requirement the key's scopes cover (`[]`:
 * any key). One that needs another party's credential (the payment provider's signature) is not the key
 * holder's to call.
 */
function keyMayCall(tool: McpTool, keyScopes: readonly string[] | undefined): boolean {
  if (tool.public) return true;
  const needed = tool.scopes[API_KEY_SCHEME];
  if (!keyScopes || !needed) return false;
  return needed.every((scope) => keyScopes.includes(scope));
}
