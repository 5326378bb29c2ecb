// What the API client needs from a transport: send a call and get a WireResult back, receive push
// events, and report whether it is connected. Two implementations: the Electron preload bridge
// and the browser WebSocket client. Nothing outside renderer/src/api knows which one is in use.
import type { WireResult } from '../../../shared/ipc/contract-kit';

export type ConnectionStatus =
  /** Opening the connection (or re-opening it after a drop). */
  | 'connecting'
  | 'open'
  /** Dropped or never reached; a reconnect is scheduled. */
  | 'closed'
  /** The server refused our token; reconnecting cannot help. */
  | 'unauthorized';

export interface Transport {
  call(channel: string, request: unknown): Promise<WireResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** The local path of a dropped file when the host can tell it (desktop app only). */
  filePath(file: File): string | null;
  close(): void;
}

export function unavailable(message: string): WireResult<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}
