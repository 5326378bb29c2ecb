// Picks the transport once at start: the Electron preload bridge when present, else the
// WebSocket of `penin serve` on the page's own host.
import { createBridgeTransport } from './bridge-transport';
import { takeToken } from './connect-token';
import type { Transport } from './api-transport';
import { createWsTransport } from './ws-transport';

export function chooseTransport(): Transport {
  if (window.penin) return createBridgeTransport(window.penin);
  return createWsTransport({ url: `ws://${window.location.host}/ws`, token: takeToken() });
}
