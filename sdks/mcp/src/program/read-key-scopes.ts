import { type Namaskah, PermissionDeniedError } from '@namaskah/sdk';

/**
 * The scopes of the API key the client holds, from `GET /v1/me/api-key` (readable with any key), or
 * `undefined` without a key. An access token is refused there: the server is for API keys, and says so.
 */
export async function readKeyScopes(client: Namaskah, apiKey: string | undefined): Promise<readonly string[] | undefined> {
  if (!apiKey) return undefined;
  try {
    return (await client.me.apiKey.retrieve()).scopes;
  } catch (error) {
    if (error instanceof PermissionDeniedError && error.code === 'forbidden') {
      throw new Error('namaskah-mcp needs an API key (nmk_...), not an access token: create one with `namaskah api-keys create`.');
    }
    throw error;
  }
}
