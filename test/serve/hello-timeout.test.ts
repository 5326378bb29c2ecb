import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { channel } from '../../shared/ipc/contract-kit';
import { WS_CLOSE_BAD_TOKEN } from '../../shared/ipc/transport';
import { createEventHub } from '../../electron/events/event-hub';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { startUiServer } from '../../electron/serve/ui-server';
import { tmpDir } from '../helpers/tmp';

describe('UI server hello timeout', () => {
  it('closes a client that never says hello with 4401, and detaches cleanly', async () => {
    const hub = createEventHub<Record<string, never>>();
    const dispatcher = createDispatcher({ 'a:b': channel<null>()(z.object({})) }, { 'a:b': () => null });
    const server = await startUiServer({
      token: 't0k3n',
      dispatcher,
      events: hub.subscribe,
      staticDir: tmpDir(),
      helloTimeoutMs: 100,
    });
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(WS_CLOSE_BAD_TOKEN);
    expect(hub.listenerCount()).toBe(1);
    await server.close();
    expect(hub.listenerCount()).toBe(0);
  });
});
