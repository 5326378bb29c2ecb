// Transport over the Electron preload bridge (`window.penin`): always connected.
import type { WireResult } from '../../../shared/ipc/contract-kit';
import type { PeninBridge } from '../../../shared/ipc/transport';
import type { Transport } from './api-transport';

declare global {
  interface Window {
    penin?: PeninBridge;
  }
}

export function createBridgeTransport(bridge: PeninBridge): Transport {
  return {
    async call(channel, request): Promise<WireResult<unknown>> {
      if (!Object.hasOwn(bridge.call, channel)) {
        return {
          ok: false,
          error: { code: 'not_found', message: `the desktop app has no channel "${channel}"` },
        };
      }
      const fn = bridge.call[channel as keyof PeninBridge['call']];
      try {
        return await fn(request);
      } catch (err) {
        return {
          ok: false,
          error: { code: 'internal', message: err instanceof Error ? err.message : String(err) },
        };
      }
    },
    on: (event, listener) => bridge.on(event as Parameters<PeninBridge['on']>[0], listener),
    status: () => 'open',
    onStatus: () => () => undefined,
    filePath: (file) => droppedFilePath(bridge, file),
    close: () => undefined,
  };
}

/**
 * Electron < 32 put the path on `File.path`; newer versions only reveal it through
 * `webUtils.getPathForFile`, which a preload may expose as `pathForFile`. Either may be absent.
 */
function droppedFilePath(bridge: PeninBridge, file: File): string | null {
  const viaBridge = (bridge as { pathForFile?: unknown }).pathForFile;
  if (typeof viaBridge === 'function') {
    const p: unknown = viaBridge(file);
    if (typeof p === 'string' && p.length > 0) return p;
  }
  const legacy = (file as File & { path?: unknown }).path;
  return typeof legacy === 'string' && legacy.length > 0 ? legacy : null;
}
