import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '../../electron/events/event-hub';
import { forwardEvents } from '../../electron/ipc/forward-events';
import type { Events } from '../../shared/ipc/contract';
import type { VerifyProgress } from '../../shared/ipc/contract';

const progress = (sessionId: string, bytesRead: number): VerifyProgress => ({
  sessionId,
  bytesRead,
  totalBytes: 100,
  entries: 1,
  breaks: 0,
  done: bytesRead === 100,
});

describe('forwardEvents', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends every alert and open request at once, never replacing one with the next', () => {
    const hub = createEventHub<Events>();
    const send = vi.fn();
    const stop = forwardEvents(hub.subscribe, send);
    const alert = (n: number) => ({
      alertId: `alert-${n}`,
      at: n,
      tone: 'bad' as const,
      topic: 'breaker:openai',
      title: `alert ${n}`,
      body: '',
      screen: 'breakers' as const,
    });
    hub.publish('alert:raised', alert(1));
    hub.publish('alert:raised', alert(2));
    hub.publish('app:openLedger', { path: '/a.jsonl' });
    hub.publish('app:openLedger', { path: '/b.jsonl' });
    // No timer has run: they went out as they came.
    expect(send.mock.calls).toEqual([
      ['alert:raised', alert(1)],
      ['alert:raised', alert(2)],
      ['app:openLedger', { path: '/a.jsonl' }],
      ['app:openLedger', { path: '/b.jsonl' }],
    ]);
    stop();
    hub.publish('alert:raised', alert(3));
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('sends coalesced events, keeping each ledger session’s final progress', () => {
    const hub = createEventHub<Events>();
    const send = vi.fn();
    const stop = forwardEvents(hub.subscribe, send);
    for (let b = 1; b <= 100; b++) {
      hub.publish('ledger:progress', progress('a', b));
      hub.publish('ledger:progress', progress('b', b));
    }
    vi.advanceTimersByTime(200);
    const last = (id: string) =>
      send.mock.calls.filter(([, p]) => (p as VerifyProgress).sessionId === id).at(-1)?.[1];
    expect(last('a')).toMatchObject({ bytesRead: 100, done: true });
    expect(last('b')).toMatchObject({ bytesRead: 100, done: true });
    expect(send.mock.calls.length).toBeLessThanOrEqual(4);
    stop();
    hub.publish('ledger:progress', progress('a', 1));
    vi.advanceTimersByTime(200);
    expect(hub.listenerCount()).toBe(0);
  });
});
