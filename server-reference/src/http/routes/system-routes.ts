import { SERVER_VERSION } from '../../server-version.ts';
import { sql } from 'kysely';
import type { SomeHandlers } from '../operation-handler.ts';
import { ApiError } from '../../errors/index.ts';
import { json } from './respond.ts';

/** system tag: liveness, with a database round trip. */
export const systemRoutes = {
  async getHealth(c) {
    try {
      await sql`select 1`.execute(c.get('services').db);
    } catch {
      throw new ApiError('service_unavailable', 'The database is not reachable.', { headers: { 'Retry-After': '5' } });
    }
    return json(c, 200, { status: 'ok', version: SERVER_VERSION, time: new Date().toISOString() }, { 'Cache-Control': 'no-store' });
  },
} satisfies SomeHandlers;
