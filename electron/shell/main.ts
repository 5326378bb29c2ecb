// Electron main process: one window, the embedded router core, the contract over IPC. Thin: the
// behaviour lives in plain modules (electron/app, electron/ipc, electron/events) tested under Node.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentationUrl } from '../app/about-text';
import { safeUserName } from '../app/app-identity';
import { ledgerPathFromArgv, readInstanceMessage } from '../app/command-line';
import { createConsoleService } from '../app/console-service';
import { toConsoleCore } from '../app/core-adapter';
import { APP_INDEX_URL, electronCsp } from '../app/app-protocol';
import { dataLayout } from '../app/data-layout';
import { startEmbeddedCore, type EmbeddedCore } from '../app/embedded-core';
import { keychainCipher } from '../app/keychain-cipher';
import { loopbackDevServerUrl } from '../app/navigation-policy';
import { createMenuActions } from '../app/menu-actions';
import { createRecentFiles } from '../app/recent-files';
import { forwardEvents } from '../ipc/forward-events';
import { registerIpc } from '../ipc/register';
import { createSenderCheck, isAppUrl } from '../ipc/sender-check';
import { LedgerSession } from '../ledger/session';
import { installMenu } from './menu';
import { secureSession, secureWebContents, type SecurityOptions } from './security';
import { notifyAlerts } from './notifications';
import { createMainWindow } from './window';
import { handleAppProtocol, registerAppScheme } from './protocol-handler';

const APP_NAME = 'PENIN Console';
const LEDGER_FILTERS = [
  { name: 'PENIN ledgers', extensions: ['jsonl', 'log', 'ndjson', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];
const REPORT_FILTERS = [
  { name: 'HTML report', extensions: ['html'] },
  { name: 'JSON report', extensions: ['json'] },
];
const isDev = !app.isPackaged;
// `PENIN_DEV_SERVER_URL=http://localhost:5173 npm start` loads the Vite dev server (unpackaged only).
const devServerUrl = isDev ? loopbackDevServerUrl(process.env.PENIN_DEV_SERVER_URL) : undefined;
const rendererDir = join(__dirname, '..', 'renderer');
const origin = { appUrl: APP_INDEX_URL, devServerUrl };
const argvShape = { defaultApp: process.defaultApp === true, cwd: process.cwd() };
const startupLedger = ledgerPathFromArgv(process.argv, argvShape);

app.enableSandbox();
// The UI is served as app://penin/ (with a CSP header), never from file://. Before 'ready'.
registerAppScheme();

if (!app.requestSingleInstanceLock({ ledgerPath: startupLedger })) {
  app.quit();
} else {
  run();
}

function run(): void {
  const layout = dataLayout(app.getPath('userData'));
  const recent = createRecentFiles(layout.recent);
  let win: BrowserWindow | null = null;
  let embedded: EmbeddedCore | null = null;
  let quitting = false;
  let pendingLedger: string | null = null;

  const service = createConsoleService({
    mode: 'electron',
    version: app.getVersion(),
    demo: false,
    openSession: (path, opts) => LedgerSession.open(path, opts),
    liveLedgerPath: layout.ledger,
    livePublicKeyPath: layout.ledgerPublicKey,
    auditLedgerPath: startupLedger,
    // The Fleet screen's instances; their tokens sealed with the OS keychain like the cache key.
    fleet: { dir: layout.root, cipher: keychainCipher(safeStorage) },
    onAuditOpened: (path) => {
      recent.add(path);
      refreshMenu();
    },
  });
  const security: SecurityOptions = {
    csp: electronCsp({ dev: devServerUrl !== undefined }),
    isAppUrl: (url) => isAppUrl(url, origin),
    openExternal: (url) => shell.openExternal(url),
  };
  const actions = createMenuActions({
    ports: {
      pickLedger: async () => {
        const options = { title: 'Open Ledger', properties: ['openFile' as const], filters: LEDGER_FILTERS };
        const r =
          win === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(win, options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      pickReportPath: async (defaultPath) => {
        const options = { title: 'Export Report', defaultPath, filters: REPORT_FILTERS };
        const r =
          win === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(win, options);
        return r.canceled || r.filePath === undefined || r.filePath === '' ? null : r.filePath;
      },
      message: (type, title, message, detail) => {
        const options = { type, title, message, detail, buttons: ['OK'] };
        void (win === null ? dialog.showMessageBox(options) : dialog.showMessageBox(win, options));
      },
      openExternal: (url) => shell.openExternal(url),
      showWindow,
    },
    service,
    recent,
    refreshMenu,
    about: () => ({
      appName: APP_NAME,
      version: app.getVersion(),
      versions: process.versions,
      gatewayUrl: embedded?.core.url ?? null,
      dataDir: layout.root,
    }),
    documentationUrl: documentationUrl(readJson(join(app.getAppPath(), 'package.json'))),
  });

  function refreshMenu(): void {
    installMenu(
      { appName: APP_NAME, isDev, isMac: process.platform === 'darwin', recent: recent.list() },
      actions,
    );
  }

  function showWindow(): void {
    if (win === null) {
      win = createMainWindow({
        preloadPath: join(__dirname, 'preload.cjs'),
        appUrl: origin.appUrl,
        devServerUrl,
        isDev,
        onLoadFailed: (error) =>
          dialog.showErrorBox(
            APP_NAME,
            `The interface could not be loaded (${String(error)}). Run: npm run build`,
          ),
      });
      win.on('closed', () => {
        win = null;
        service.sessions.closeAll();
      });
      return;
    }
    if (win.isMinimized()) win.restore();
    win.focus();
  }

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const message = readInstanceMessage(additionalData);
    const path =
      message !== null
        ? message.ledgerPath
        : ledgerPathFromArgv(argv, { ...argvShape, cwd: workingDirectory });
    if (path !== null) actions.openLedgerPath(path);
    else showWindow();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) actions.openLedgerPath(path);
    else pendingLedger = path; // macOS: the file that launched the app
  });
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, security));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && win === null) showWindow();
  });
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    service.close();
    const stop = embedded?.close() ?? Promise.resolve();
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, 5000));
    void Promise.race([
      stop.catch((error: unknown) => console.error('[main] shutdown:', error)),
      deadline,
    ]).then(() => app.quit());
  });

  void app.whenReady().then(() => {
    handleAppProtocol(rendererDir);
    secureSession(session.defaultSession, security);
    registerIpc(
      ipcMain,
      service.dispatcher,
      createSenderCheck(origin, () => win?.webContents ?? null),
    );
    forwardEvents(service.hub.subscribe, (event, payload) => {
      if (win !== null && !win.isDestroyed()) win.webContents.send(event, payload);
    });
    notifyAlerts(
      service.hub.subscribe,
      () => win !== null && !win.isDestroyed() && win.isFocused(),
      showWindow,
    );
    refreshMenu();
    if (pendingLedger !== null) actions.openLedgerPath(pendingLedger);
    else showWindow();
    startEmbeddedCore({ layout, cipher: keychainCipher(safeStorage) }).then(
      (started) => {
        embedded = started;
        service.setCore(toConsoleCore(started.core, started.writer, `console:${safeUserName()}`));
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        console.error('[main] the router core could not start:', reason);
        service.setCore(null, `the router core could not start: ${reason}`);
      },
    );
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
