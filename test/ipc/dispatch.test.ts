import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { channel } from '../../shared/ipc/contract-kit';
import { channels as contractChannels } from '../../shared/ipc/contract';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { PublicError } from '../../electron/ipc/public-error';

const channels = {
  'math:add': channel<number>()(z.object({ a: z.number(), b: z.number() }).strict()),
  'math:fail': channel<number>()(z.object({}).strict()),
  'math:refuse': channel<number>()(z.object({}).strict()),
  'math:nested': channel<string>()(
    z.object({ filter: z.object({ limit: z.number().int().min(1) }) }).strict(),
  ),
};

function make(logError = vi.fn()) {
  const add = vi.fn(({ a, b }: { a: number; b: number }) => a + b);
  const dispatcher = createDispatcher(
    channels,
    {
      'math:add': add,
      'math:fail': () => {
        throw new Error('secret path /home/me/.penin/key at line 3');
      },
      'math:refuse': async () => {
        throw new PublicError('not_found', 'no such provider "x"');
      },
      'math:nested': ({ filter }) => `limit ${filter.limit}`,
    },
    { logError },
  );
  return { dispatcher, add, logError };
}

describe('createDispatcher', () => {
  it('answers a valid request with the handler result', async () => {
    const { dispatcher, add } = make();
    expect(await dispatcher.dispatch('math:add', { a: 2, b: 3 })).toEqual({ ok: true, value: 5 });
    expect(add).toHaveBeenCalledWith({ a: 2, b: 3 });
  });

  it('lists the channel names it serves, from the contract object', () => {
    expect(make().dispatcher.names).toEqual(Object.keys(channels));
  });

  it('rejects unknown channels with not_found, including prototype names', async () => {
    const { dispatcher } = make();
    for (const name of ['math:nope', 'toString', '__proto__', 'constructor']) {
      const r = await dispatcher.dispatch(name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('rejects a request that fails the schema with bad_request naming the field, without calling the handler', async () => {
    const { dispatcher, add } = make();
    const r = await dispatcher.dispatch('math:add', { a: 1, b: 'two' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_request');
    expect(r.error.message).toContain('b:');
    expect(r.error.message).toContain('math:add');
    expect(add).not.toHaveBeenCalled();
  });

  it('names nested fields by their path and reports unknown keys', async () => {
    const { dispatcher } = make();
    const nested = await dispatcher.dispatch('math:nested', { filter: { limit: 0 } });
    expect(nested.ok || nested.error.message).toMatch(/filter\.limit: /);
    const extra = await dispatcher.dispatch('math:add', { a: 1, b: 2, evil: true });
    expect(extra.ok || extra.error.message).toMatch(/request: .*evil/);
  });

  it('treats a missing request as an empty object', async () => {
    const { dispatcher } = make();
    const r = await dispatcher.dispatch('math:refuse', undefined);
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: 'no such provider "x"' } });
  });

  it('turns an unexpected handler error into internal without leaking its message or stack', async () => {
    const { dispatcher, logError } = make();
    const r = await dispatcher.dispatch('math:fail', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(r.error.message).not.toMatch(/secret|\/home|at line|Error:/);
    expect(logError).toHaveBeenCalledOnce();
  });

  it('passes a PublicError code and message through', async () => {
    const { dispatcher } = make();
    expect(await dispatcher.dispatch('math:refuse', {})).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no such provider "x"' },
    });
  });

  it('refuses to build without a handler for every channel', () => {
    expect(() => createDispatcher(channels, {} as never)).toThrow(/no handler for channel "math:add"/);
  });

  it('validates real contract requests the same way', async () => {
    const handlers = Object.fromEntries(Object.keys(contractChannels).map((n) => [n, () => 'ok']));
    const dispatcher = createDispatcher(contractChannels, handlers as never, { logError: () => undefined });
    const bad = await dispatcher.dispatch('ledger:rows', { sessionId: 's', from: -1, count: 10 });
    expect(bad.ok || bad.error.message).toMatch(/from: /);
    const good = await dispatcher.dispatch('ledger:rows', { sessionId: 's', from: 0, count: 10 });
    expect(good).toEqual({ ok: true, value: 'ok' });
  });
});
