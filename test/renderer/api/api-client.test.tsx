// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { WireResult } from '../../../shared/ipc/contract-kit';
import { ApiError } from '../../../renderer/src/api/api-error';
import { createApi } from '../../../renderer/src/api/create-api';
import type { Transport } from '../../../renderer/src/api/api-transport';

function transportReturning(result: WireResult<unknown>) {
  const call = vi.fn(async (_channel: string, _request: unknown) => result);
  const listeners: ((p: unknown) => void)[] = [];
  const transport: Transport = {
    call,
    on: (_event, l) => {
      listeners.push(l);
      return () => undefined;
    },
    status: () => 'open',
    onStatus: () => () => undefined,
    filePath: () => null,
    close: () => undefined,
  };
  return { transport, call, listeners };
}

describe('createApi', () => {
  it('rejects a request its schema refuses, before anything is sent', async () => {
    const { transport, call } = transportReturning({ ok: true, value: null });
    const api = createApi(transport);
    const err = await api
      .invoke('breakers:reset', { provider: 'openai', reason: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'bad_request' });
    expect((err as Error).message).toMatch(/at least 3 characters/);
    expect(call).not.toHaveBeenCalled();
  });

  it('rejects unknown fields (strict schemas) and out-of-range pages', async () => {
    const { transport, call } = transportReturning({ ok: true, value: null });
    const api = createApi(transport);
    // @ts-expect-error -- an extra field is a type error too
    await expect(api.invoke('budget:get', { extra: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      api.invoke('ledger:rows', { sessionId: 's', from: 0, count: 100_000 }),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(call).not.toHaveBeenCalled();
  });

  it('sends the parsed request and resolves with the value', async () => {
    const { transport, call } = transportReturning({ ok: true, value: { closed: true } });
    const api = createApi(transport);
    await expect(
      api.invoke('breakers:reset', { provider: 'openai', reason: '  provider fixed  ' }),
    ).resolves.toEqual({
      closed: true,
    });
    expect(call).toHaveBeenCalledWith('breakers:reset', { provider: 'openai', reason: 'provider fixed' });
  });

  it('turns a WireError into a rejected Error carrying its code and message', async () => {
    const { transport } = transportReturning({
      ok: false,
      error: { code: 'forbidden', message: 'audit sessions are read-only' },
    });
    const api = createApi(transport);
    const err = await api.invoke('ledger:close', { sessionId: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'forbidden', message: 'audit sessions are read-only' });
  });

  it('refuses channels and events the contract does not have', async () => {
    const { transport, call } = transportReturning({ ok: true, value: null });
    const api = createApi(transport);
    // @ts-expect-error -- not a channel
    await expect(api.invoke('fs:read', {})).rejects.toMatchObject({ code: 'not_found' });
    // @ts-expect-error -- not an event
    expect(() => api.on('nope', () => undefined)).toThrow(/unknown event/);
    expect(call).not.toHaveBeenCalled();
  });

  it('delivers push events to listeners', () => {
    const { transport, listeners } = transportReturning({ ok: true, value: null });
    const api = createApi(transport);
    const got: number[] = [];
    api.on('ledger:appended', (p) => got.push(p.entries));
    listeners.forEach((l) => l({ entries: 42, head: 'abc' }));
    expect(got).toEqual([42]);
  });
});
