import { describe, expect, it } from 'vitest';
import type { JsonObject } from './case-files.js';
import { runHttpCase } from './http-case.js';
import { runWebhookVerifyCase } from './webhook-case.js';

/** The runner itself must be able to fail: wrong expectations, unknown fields and unsupported calls. */
const base: JsonObject = {
  name: 'self-test',
  kind: 'request',
  call: { tag: 'verifications', operation_id: 'getVerification', path_params: { verification_id: 'ver_1' } },
  responses: [{ status: 200, body: { id: 'ver_1', code: null } }],
};

describe('conformance runner', () => {
  it('passes a correct case', async () => {
    await runHttpCase({ ...base, expect: { requests: [{ method: 'GET', path: '/v1/verifications/ver_1' }] } });
  });

  it.each<[string, JsonObject]>([
    ['a wrong path', { requests: [{ path: '/v1/verifications/ver_2' }] }],
    ['a wrong attempt count', { attempts: 2 }],
    ['null taken for absent', { result: { checks: [{ pointer: '/code', type: 'absent' }] } }],
    ['absent taken for null', { result: { equals: { id: 'ver_1' } } }],
    ['an error that did not happen', { error: { family: 'not_found' } }],
    ['an unknown matcher', { requests: [{ path_regex: '.*' }] }],
  ])('fails on %s', async (_, expectation) => {
    await expect(runHttpCase({ ...base, expect: expectation })).rejects.toThrow();
  });

  it('reports an operation the SDK lacks as UNSUPPORTED', async () => {
    await expect(runHttpCase({ ...base, call: { tag: 'verifications', operation_id: 'teleport' } })).rejects.toThrow(/^UNSUPPORTED/);
  });

  it('fails on a request beyond the script', async () => {
    await expect(runHttpCase({ ...base, responses: [{ status: 503 }], expect: {} })).rejects.toThrow();
  });

  it('fails a webhook vector with the wrong verdict', async () => {
    const vector = { name: 'x', kind: 'webhook_verify', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', payload: '{}', now: 1 };
    await expect(runWebhookVerifyCase({ ...vector, headers: {}, expect: { valid: true } })).rejects.toThrow();
  });
});
