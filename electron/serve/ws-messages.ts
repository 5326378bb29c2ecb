// Parses what a browser client sends over the WebSocket (shared/ipc/transport.ts). Anything that is
// not exactly a Hello or a Call is rejected (the socket is then closed with 4400).
import type { ClientMessage } from '../../shared/ipc/transport';

export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  if (m.type === 'hello') {
    return typeof m.token === 'string' && m.token.length <= 1024 ? { type: 'hello', token: m.token } : null;
  }
  if (m.type === 'call') {
    if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return null;
    if (typeof m.channel !== 'string' || m.channel.length > 200) return null;
    return { type: 'call', id: m.id, channel: m.channel, request: m.request };
  }
  return null;
}
