import { http, HttpResponse } from 'msw';
import { FiveSimProvider, type FiveSimOptions } from '../../../src/providers/fivesim/index.ts';
import { fixtureJson, fixtureText } from './mock-provider-server.ts';

export const FIVESIM = 'https://5sim.net';
export const ORDER_ID = '11631253';

/** The headers 5sim gets on a user endpoint. */
export const userHeaders = { accept: 'application/json', authorization: 'Bearer fs-key-123' };

export const fivesimJson = <T = unknown>(name: string) => fixtureJson<T>('fivesim', name);

/** GET `path` on 5sim answering the recorded body `file` with `status` (text files as text/plain). */
export function answer(path: string, file: string, status = 200) {
  return http.get(`${FIVESIM}${path}`, () =>
    file.endsWith('.json')
      ? HttpResponse.json(fivesimJson(file), { status })
      : new HttpResponse(fixtureText('fivesim', file), { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
  );
}

/** A 5sim adapter for an account whose currency is `unitsPerUsd` to the dollar. */
export function fiveSim(options: Partial<FiveSimOptions> = {}) {
  return new FiveSimProvider({ apiKey: 'fs-key-123', unitsPerUsd: '1', now: () => Date.parse('2026-01-01T00:00:00Z'), ...options });
}
