// Builds what the preload exposes as `window.penin`: one named function per contract channel and
// an `on` that only accepts known event names. Plain: it is handed an invoke/on pair (the preload
// passes ipcRenderer-backed ones; tests pass fakes) and never exposes them.
import type { AnyChannels, AnyEvents, WireResult } from '../../shared/ipc/contract-kit';
import type { Bridge } from '../../shared/ipc/transport';

export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Subscribe to a push event; the listener receives the payload only. Returns an unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The path of a File the user dropped on the page (webUtils.getPathForFile); optional. */
  pathForFile?(file: unknown): string;
}

/** The bridge, plus `pathForFile` for drag and drop when the transport offers it. */
export type DesktopBridge<C extends AnyChannels, E extends AnyEvents> = Bridge<C, E> & {
  pathForFile?: (file: unknown) => string | null;
};

export function createBridge<C extends AnyChannels, E extends AnyEvents>(
  channelNames: readonly (keyof C & string)[],
  eventNames: readonly string[],
  transport: BridgeTransport,
): DesktopBridge<C, E> {
  const call: Record<string, (request: unknown) => Promise<WireResult<unknown>>> = {};
  for (const name of channelNames) {
    call[name] = (request: unknown) => invokeSafely(transport, name, request);
  }
  const known = new Set(eventNames);

  function on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !known.has(event)) {
      throw new Error(`unknown event "${String(event).slice(0, 100)}"`);
    }
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let unsubscribe: (() => void) | null = transport.on(event, (payload) => listener(payload));
    return () => {
      unsubscribe?.();
      unsubscribe = null;
    };
  }

  const bridge: DesktopBridge<C, E> = {
    call: Object.freeze(call) as Bridge<C, E>['call'],
    on: on as Bridge<C, E>['on'],
  };
  const pathOf = transport.pathForFile;
  if (pathOf !== undefined) {
    bridge.pathForFile = (file: unknown) => {
      try {
        const path = pathOf(file);
        return typeof path === 'string' && path.length > 0 ? path : null;
      } catch {
        return null;
      }
    };
  }
  return Object.freeze(bridge);
}

async function invokeSafely(
  transport: BridgeTransport,
  name: string,
  request: unknown,
): Promise<WireResult<unknown>> {
  try {
    const result = await transport.invoke(name, request);
    if (isWireResult(result)) return result;
    return { ok: false, error: { code: 'internal', message: `malformed answer for "${name}"` } };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'unavailable', message: `"${name}" could not be delivered: ${message}` },
    };
  }
}

function isWireResult(value: unknown): value is WireResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}
