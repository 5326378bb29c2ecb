// The gateway's refusals: OpenAI-shaped bodies, built without a stack trace (they are answers to the
// client, never bugs) and without disturbing stack traces anywhere else.
import { describe, expect, it } from 'vitest';
import { errors, GatewayError } from '../../../electron/core/model/errors';

describe('GatewayError', () => {
  it('is an Error with the OpenAI body, and no stack frames', () => {
    const e = errors.unauthorized('bad token');
    expect(e).toBeInstanceOf(GatewayError);
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(401);
    expect(JSON.parse(e.json())).toEqual({
      error: { message: 'bad token', type: 'authentication_error', code: 'invalid_api_key', param: null },
    });
    expect(e.stack).not.toMatch(/\n\s+at /);
  });

  it('leaves the stack trace limit as it found it, for every other error', () => {
    const before = Error.stackTraceLimit;
    errors.notFound('nothing here');
    GatewayError.answer(502, 'upstream_error', 'upstream_failed', 'x');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a bug').stack).toMatch(/\n\s+at /);
  });
});
