// A tiny publish/subscribe hub for push events. Producers publish every change; each transport
// subscribes once and coalesces on its own side (coalesce.ts).
import type { AnyEvents, PayloadOf } from '../../shared/ipc/contract-kit';

export type EventListener = (event: string, payload: unknown) => void;
export type Subscribe = (listener: EventListener) => () => void;

export interface EventHub<E extends AnyEvents> {
  publish<K extends keyof E & string>(event: K, payload: PayloadOf<E, K>): void;
  subscribe: Subscribe;
  listenerCount(): number;
}

export function createEventHub<E extends AnyEvents>(
  onListenerError: (error: unknown) => void = (error) => console.error('[events] listener failed:', error),
): EventHub<E> {
  const listeners = new Set<EventListener>();
  return {
    publish(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error: unknown) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      const wrapped: EventListener = (event, payload) => listener(event, payload);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
    listenerCount: () => listeners.size,
  };
}
