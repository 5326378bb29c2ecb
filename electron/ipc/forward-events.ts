// Sends push events to the window: coalesced (per event name, and per ledger session for
// progress) to at most ~10 per second each, the latest payload winning, the final one always sent;
// discrete events (alerts, open requests) each go at once.
import { createCoalescer, keyBySession } from '../events/coalesce';
import { discreteEvents } from '../../shared/ipc/contract';
import type { Subscribe } from '../events/event-hub';

export function forwardEvents(
  subscribe: Subscribe,
  send: (event: string, payload: unknown) => void,
  intervalMs = 100,
): () => void {
  const coalescer = createCoalescer({
    intervalMs,
    keyOf: keyBySession,
    discrete: discreteEvents,
    emit: send,
  });
  const unsubscribe = subscribe((event, payload) => coalescer.push(event, payload));
  return () => {
    unsubscribe();
    coalescer.dispose();
  };
}
