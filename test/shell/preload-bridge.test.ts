import { describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames, type Channels, type Events } from '../../shared/ipc/contract';
import { createBridge, type BridgeTransport } from '../../electron/shell/preload-bridge';

function fakeTransport() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: BridgeTransport & { emit(event: string, payload: unknown): void } = {
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }),
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
  return transport;
}

describe('createBridge', () => {
  it('offers pathForFile only when the transport has it, never throwing', () => {
    expect('pathForFile' in createBridge<Channels, Events>(channelNames, eventNames, fakeTransport())).toBe(
      false,
    );
    const t = fakeTransport();
    t.pathForFile = (file) => {
      if (file === 'bad') throw new TypeError('not a File');
      return file === 'none' ? '' : '/dropped/ledger.jsonl';
    };
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, t);
    expect(bridge.pathForFile?.('ok')).toBe('/dropped/ledger.jsonl');
    expect(bridge.pathForFile?.('none')).toBeNull();
    expect(bridge.pathForFile?.('bad')).toBeNull();
  });

  it('exposes exactly one function per contract channel, and only call and on', () => {
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, fakeTransport());
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(Object.keys(bridge.call).sort()).toEqual([...channelNames].sort());
    for (const fn of Object.values(bridge.call)) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.call)).toBe(true);
  });

  it('calls invoke with the channel name and request', async () => {
    const t = fakeTransport();
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, t);
    const r = await bridge.call['ledger:progress']({ sessionId: 's1' });
    expect(t.invoke).toHaveBeenCalledWith('ledger:progress', { sessionId: 's1' });
    expect(r).toEqual({ ok: true, value: { channel: 'ledger:progress', request: { sessionId: 's1' } } });
  });

  it('turns a failed invoke into an unavailable WireResult instead of a rejection', async () => {
    const t = fakeTransport();
    t.invoke = async () => {
      throw new Error("No handler registered for 'budget:get'");
    };
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, t);
    const r = await bridge.call['budget:get']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers known events to listeners (payload only) and unsubscribes', () => {
    const t = fakeTransport();
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, t);
    const listener = vi.fn();
    const off = bridge.on('budget:changed', listener);
    t.emit('budget:changed', { spendUsd: 1 });
    expect(listener).toHaveBeenCalledWith({ spendUsd: 1 });
    off();
    off();
    t.emit('budget:changed', { spendUsd: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('rejects unknown event names and non-function listeners', () => {
    const t = fakeTransport();
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, t);
    expect(() => bridge.on('ipc:anything' as never, () => undefined)).toThrow(/unknown event/);
    expect(() => bridge.on('budget:get' as never, () => undefined)).toThrow(/unknown event/);
    expect(() => bridge.on('budget:changed', 'nope' as never)).toThrow(TypeError);
    expect(t.on).not.toHaveBeenCalled();
  });

  it('accepts every contract event and the app events', () => {
    const bridge = createBridge<Channels, Events>(channelNames, eventNames, fakeTransport());
    for (const name of [...eventNames, 'app:openLedger']) {
      expect(() => bridge.on(name as never, () => undefined)).not.toThrow();
    }
  });
});
