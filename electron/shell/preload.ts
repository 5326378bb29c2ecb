// Sandboxed preload: exposes `window.penin` (shared/ipc/transport.ts) and nothing else; ipcRenderer
// itself never reaches the page, nor does the IPC event object. `pathForFile` gives the path of a
// file dropped on the page (for opening a ledger by drag and drop).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames, type Channels, type Events } from '../../shared/ipc/contract';
import { createBridge } from './preload-bridge';

const bridge = createBridge<Channels, Events>(channelNames, eventNames, {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  on(event, listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
  pathForFile: (file) => webUtils.getPathForFile(file as File),
});

contextBridge.exposeInMainWorld('penin', bridge);
