// The one BrowserWindow: isolated, sandboxed, no Node, web security on, our preload only. Shows
// the built renderer (app://penin/index.html, served by electron/shell/protocol-handler.ts with its CSP
// header) or, in development, the Vite dev server.
import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  /** APP_INDEX_URL: the built renderer. */
  appUrl: string;
  /** Set in development only. */
  devServerUrl?: string;
  isDev: boolean;
  /** The page could not be loaded (e.g. the renderer is not built): the window is shown anyway. */
  onLoadFailed?: (error: unknown) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'PENIN Console',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1115',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.isDev,
    },
  });
  win.once('ready-to-show', () => win.show());
  const loading = win.loadURL(options.devServerUrl ?? options.appUrl);
  loading.catch((error: unknown) => {
    if (win.isDestroyed()) return;
    win.show();
    options.onLoadFailed?.(error);
  });
  return win;
}
