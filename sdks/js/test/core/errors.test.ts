import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConflictError,
  InsufficientBalanceError,
  Namaskah,
  NotFoundError,
  PaymentRequiredError,
  UnprocessableEntityError,
  InternalServerError,
  AreaCodeUnavailableError,
} from '../../src/index.js';
import { createApiError, type ProblemErrorClass, statusErrorClass } from '../../src/core/errors.js';
import * as problemErrors from '../../src/resources/problem-errors.js';
import { fakeFetch, json, problem } from '../fake-fetch.js';

const rateHeaders = { 'request-id': 'req_header', 'ratelimit-limit': '120', 'ratelimit-remaining': '0', 'ratelimit-reset': '42' };

describe('typed errors', () => {
  it('raises the class of the problem code, under its status family, with request id and rate limit', async () => {
    const { fetch } = fakeFetch(problem(402, 'insufficient_balance', rateHeaders));
    const error = await new Namaskah({ fetch, apiKey: 'k' }).verifications.create({ service: 'whatsapp', country: 'US' }).catch((e) => e);
    expect(error).toBeInstanceOf(InsufficientBalanceError);
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 402, code: 'insufficient_balance', requestId: 'req_header', name: 'InsufficientBalanceError' });
    expect(error.rateLimit).toEqual({ limit: 120, remaining: 0, resetSeconds: 42 });
    expect(error.headers.get('ratelimit-limit')).toBe('120');
  });

  it('names every problem error as its exported class, by the rule a minified bundle also follows', () => {
    const classes = Object.entries(problemErrors).filter(([exported]) => exported.endsWith('Error'));
    expect(classes.length).toBeGreaterThan(20);
    for (const [exported, Class] of classes) {
      const { code } = Class as ProblemErrorClass;
      const status = [400, 401, 402, 403, 404, 409, 410, 413, 415, 422, 429, 500].find(
        (s) => (Class as ProblemErrorClass).prototype instanceof statusErrorClass(s),
      );
      const error = createApiError(status!, { code }, new Headers(), problemErrors.PROBLEM_ERROR_CLASSES);
      expect(error, code).toBeInstanceOf(Class);
      expect(error.name, code).toBe(exported);
    }
  });

  it('falls back to the status family for an unknown code, and to the body request_id', async () => {
    const { fetch } = fakeFetch(problem(409, 'brand_new_code'));
    const error = await new Namaskah({ fetch, apiKey: 'k', maxRetries: 0 }).verifications
      .create({ service: 'a', country: 'US' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(AreaCodeUnavailableError);
    expect(error.requestId).toBe('req_body');
  });

  it('uses the family class when the code is the family (not_found)', async () => {
    const { fetch } = fakeFetch(problem(404, 'not_found'));
    await expect(new Namaskah({ fetch, apiKey: 'k' }).verifications.retrieve('ver_x')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('exposes field errors of validation problems', async () => {
    const { fetch } = fakeFetch(
      json(422, { code: 'validation_failed', status: 422, errors: [{ field: '/body/service', code: 'required', message: 'm' }] }),
    );
    const error = await new Namaskah({ fetch, apiKey: 'k' }).verifications.create({ service: '', country: 'US' }).catch((e) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.fieldErrors).toEqual([{ field: '/body/service', code: 'required', message: 'm' }]);
  });

  it('handles a non-JSON error body', async () => {
    const { fetch } = fakeFetch(new Response('bad gateway', { status: 502 }));
    const error = await new Namaskah({ fetch, apiKey: 'k', maxRetries: 0 }).wallet.retrieve().catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toContain('bad gateway');
    expect(error.code).toBeUndefined();
  });
});
