// Wires every contract channel onto ipcMain.handle: sender checked first (forbidden otherwise),
// then the shared dispatcher. Handlers never throw across IPC: every answer is a WireResult.
import type { WireResult } from '../../shared/ipc/contract-kit';
import type { Dispatcher } from './dispatch';
import type { IpcEventLike, SenderCheck } from './sender-check';

/** The part of Electron's ipcMain this needs; tests pass a fake. */
export interface IpcMainLike<E extends IpcEventLike = IpcEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export function registerIpc<E extends IpcEventLike>(
  ipcMain: IpcMainLike<E>,
  dispatcher: Dispatcher,
  isTrustedSender: SenderCheck,
): () => void {
  for (const name of dispatcher.names) {
    ipcMain.handle(name, (event: E, request: unknown): Promise<WireResult<unknown>> => {
      if (!isTrustedSender(event)) {
        const result: WireResult<unknown> = {
          ok: false,
          error: { code: 'forbidden', message: `"${name}" may only be called by the PENIN Console window` },
        };
        return Promise.resolve(result);
      }
      return dispatcher.dispatch(name, request);
    });
  }
  return () => {
    for (const name of dispatcher.names) ipcMain.removeHandler(name);
  };
}
