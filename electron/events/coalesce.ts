// Push events, coalesced: per key (by default the event name) at most one emission per
// interval (10 per second by default), however fast they are published. The first event after a
// quiet interval goes out at once (leading edge); later ones within the interval replace each
// other and the latest goes out when the interval ends (trailing edge), so the final state is
// always delivered.

export type EmitFn = (event: string, payload: unknown) => void;

export interface CoalescerOptions {
  emit: EmitFn;
  /** Minimum time between two emissions for the same key. Default 100 ms. */
  intervalMs?: number;
  /** Events that must not replace each other get distinct keys (e.g. one per ledger session). */
  keyOf?: (event: string, payload: unknown) => string;
  /** Events emitted at once, each of them, never held or replaced (see discreteEvents). */
  discrete?: ReadonlySet<string>;
  now?: () => number;
}

export interface Coalescer {
  push(event: string, payload: unknown): void;
  /** Emit everything pending now. */
  flush(): void;
  /** Drop everything pending and stop all timers. */
  dispose(): void;
}

interface Slot {
  lastEmitAt: number;
  pending: { event: string; payload: unknown } | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export function createCoalescer(options: CoalescerOptions): Coalescer {
  const intervalMs = options.intervalMs ?? 100;
  const keyOf = options.keyOf ?? ((event: string) => event);
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();
  let disposed = false;

  function emitSlot(slot: Slot): void {
    const pending = slot.pending;
    slot.pending = null;
    if (pending === null) return;
    slot.lastEmitAt = now();
    options.emit(pending.event, pending.payload);
  }

  function push(event: string, payload: unknown): void {
    if (disposed) return;
    if (options.discrete?.has(event)) {
      options.emit(event, payload);
      return;
    }
    const key = keyOf(event, payload);
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = { lastEmitAt: -Infinity, pending: null, timer: null };
      slots.set(key, slot);
    }
    slot.pending = { event, payload };
    if (slot.timer !== null) return;
    const wait = slot.lastEmitAt + intervalMs - now();
    if (wait <= 0) {
      emitSlot(slot);
      return;
    }
    const s = slot;
    s.timer = setTimeout(() => {
      s.timer = null;
      emitSlot(s);
    }, wait);
  }

  function flush(): void {
    for (const slot of slots.values()) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
      emitSlot(slot);
    }
  }

  function dispose(): void {
    disposed = true;
    for (const slot of slots.values()) if (slot.timer !== null) clearTimeout(slot.timer);
    slots.clear();
  }

  return { push, flush, dispose };
}

/** Keys ledger progress (and any event whose payload names a session) per session. */
export function keyBySession(event: string, payload: unknown): string {
  if (typeof payload === 'object' && payload !== null && 'sessionId' in payload) {
    const id = (payload as { sessionId: unknown }).sessionId;
    if (typeof id === 'string') return `${event}\u0000${id}`;
  }
  return event;
}
