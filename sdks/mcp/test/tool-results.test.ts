import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Connection, connectStdio, resultJson } from './mcp-connections.js';

/** How each kind of answer comes back as a tool result: JSON pages with query arguments, and downloads. */
describe('tool results', () => {
  let mcp: Connection;
  beforeAll(async () => {
    mcp = await connectStdio(inject('fullKey'));
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('sends query arguments and answers a page as JSON', async () => {
    const result = await mcp.client.callTool({ name: 'prices_list', arguments: { available: true, limit: 2 } });
    expect(result.isError).toBeFalsy();
    const page = resultJson(result);
    expect(page.data).toHaveLength(2);
    expect(page).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    expect(result.structuredContent).toEqual(page);
    const next = resultJson(
      await mcp.client.callTool({ name: 'prices_list', arguments: { available: true, limit: 2, starting_after: page.next_cursor } }),
    );
    expect(next.data[0]).not.toEqual(page.data[0]);
  });

  it('answers a download as an embedded resource with its media type', async () => {
    const result = await mcp.client.callTool({ name: 'analytics_export', arguments: { format: 'csv', report: 'verifications' } });
    expect(result.isError).toBeFalsy();
    const [content] = result.content as { type: string; resource: { mimeType: string; blob: string } }[];
    expect(content!.type).toBe('resource');
    expect(content!.resource.mimeType).toMatch(/^text\/csv/);
    expect(Buffer.from(content!.resource.blob, 'base64').toString('utf8').split('\n')[0]).toMatch(/\w+,\w+/);
  });

  it('refuses a tool that does not exist', async () => {
    const result = await mcp.client.callTool({ name: 'verifications_destroy_everything', arguments: {} });
    expect(result.isError).toBe(true);
    expect(resultJson(result)).toMatchObject({ error: 'unknown_tool' });
  });
});
