import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import type { WireResult } from '../../shared/ipc/contract-kit';
import type { Dispatcher } from '../../electron/ipc/dispatch';
import { registerIpc, type IpcMainLike } from '../../electron/ipc/register';
import type { IpcEventLike } from '../../electron/ipc/sender-check';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcEventLike, req: unknown): Promise<WireResult<unknown>> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(h(event, req)) as Promise<WireResult<unknown>>;
  }
}

function fakeDispatcher(): Dispatcher & { dispatch: ReturnType<typeof vi.fn> } {
  return {
    names: Object.keys(channels),
    dispatch: vi.fn(async (name: string, req: unknown) => ({ ok: true as const, value: { name, req } })),
  };
}

const trustedEvent: IpcEventLike = {
  sender: 'ours',
  senderFrame: { url: 'file:///app/index.html', parent: null },
};
const foreignEvent: IpcEventLike = {
  sender: 'other',
  senderFrame: { url: 'https://evil.example/', parent: null },
};
const isTrusted = (e: IpcEventLike) => e.sender === 'ours';

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, fakeDispatcher(), isTrusted);
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(channels).sort());
  });

  it('answers an untrusted sender with forbidden and never reaches the dispatcher', async () => {
    const ipc = new FakeIpcMain();
    const dispatcher = fakeDispatcher();
    registerIpc(ipc, dispatcher, isTrusted);
    const r = await ipc.invoke('budget:get', foreignEvent, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });

  it('dispatches a trusted call and returns the result', async () => {
    const ipc = new FakeIpcMain();
    const dispatcher = fakeDispatcher();
    registerIpc(ipc, dispatcher, isTrusted);
    const r = await ipc.invoke('ledger:progress', trustedEvent, { sessionId: 'a' });
    expect(r).toEqual({ ok: true, value: { name: 'ledger:progress', req: { sessionId: 'a' } } });
    expect(dispatcher.dispatch).toHaveBeenCalledWith('ledger:progress', { sessionId: 'a' });
  });

  it('can be unregistered', () => {
    const ipc = new FakeIpcMain();
    const unregister = registerIpc(ipc, fakeDispatcher(), isTrusted);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('registerIpc with the real dispatcher', () => {
  it('rejects a bad request with bad_request naming the field', async () => {
    const { createDispatcher } = await import('../../electron/ipc/dispatch');
    const handlers = Object.fromEntries(Object.keys(channels).map((n) => [n, () => 'ok']));
    const ipc = new FakeIpcMain();
    registerIpc(ipc, createDispatcher(channels, handlers as never), isTrusted);
    const r = await ipc.invoke('ledger:entry', trustedEvent, { sessionId: 's', index: -3 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('index:') },
    });
    expect(await ipc.invoke('ledger:entry', trustedEvent, { sessionId: 's', index: 3 })).toEqual({
      ok: true,
      value: 'ok',
    });
  });
});
