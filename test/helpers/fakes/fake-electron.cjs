// A stand-in for the `electron` module so the built bundles (dist/electron/main.cjs and
// preload.cjs) can be smoke-run under plain Node where the Electron binary is absent:
//   node -r test/helpers/fakes/fake-electron.cjs dist/electron/main.cjs
// It records what the app does and, once the app is ready, prints one line
// `FAKE_ELECTRON_REPORT {json}` (FAKE_ELECTRON_DRIVE=main) and quits the app.
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const { pathToFileURL } = require('node:url');

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  if (request === 'electron') return __filename;
  return originalResolve.call(this, request, ...rest);
};

// As under `electron <app> [args]`: argv[1] is the app, the user's arguments follow.
process.defaultApp = true;

const state = {
  windows: [],
  ipcHandlers: new Map(),
  menu: null,
  csp: null,
  permissionHandler: null,
  exposed: {},
  sent: [],
  notifications: [],
  quitCalled: 0,
};

class FakeApp extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this._ready = false;
  }
  getPath(name) {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return process.env.FAKE_ELECTRON_USER_DATA;
  }
  getAppPath() {
    return process.cwd();
  }
  getVersion() {
    return '0.0.0-fake';
  }
  enableSandbox() {
    state.sandboxEnabled = true;
  }
  requestSingleInstanceLock(data) {
    state.lockData = data;
    return true;
  }
  isReady() {
    return this._ready;
  }
  whenReady() {
    return new Promise((resolve) =>
      setTimeout(() => {
        this._ready = true;
        resolve();
      }, 10),
    );
  }
  quit() {
    state.quitCalled += 1;
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      console.log(`FAKE_ELECTRON_QUIT ${state.quitCalled}`);
      process.exit(0);
    }
  }
}
const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.url = '';
  }
  getURL() {
    return this.url;
  }
  send(channel, payload) {
    state.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.destroyed = false;
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadFile(path) {
    this.webContents.url = pathToFileURL(path).href;
    return Promise.resolve();
  }
  loadURL(url) {
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isFocused() {
    return false; // in the background: alerts become notifications
  }
  isDestroyed() {
    return this.destroyed;
  }
}

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    state.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    state.privilegedSchemes = { schemes, beforeReady: !app._ready };
  },
  handle: (scheme, handler) => {
    state.protocolHandlers = state.protocolHandlers || {};
    state.protocolHandlers[scheme] = handler;
  },
};

const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (fn) => (state.headersHook = fn) },
    setPermissionRequestHandler: (fn) => (state.permissionHandler = fn),
    setPermissionCheckHandler: (fn) => (state.permissionCheck = fn),
    setDevicePermissionHandler: (fn) => (state.deviceHandler = fn),
  },
};

const electron = {
  app,
  BrowserWindow,
  Notification,
  protocol,
  session,
  ipcMain: {
    handle: (name, fn) => state.ipcHandlers.set(name, fn),
    removeHandler: (name) => state.ipcHandlers.delete(name),
  },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => (state.menu = m) },
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
    showMessageBox: async () => ({ response: 0 }),
    showErrorBox: (title, text) => state.errors?.push(text),
  },
  shell: { openExternal: async (url) => (state.opened = url) },
  safeStorage: {
    isEncryptionAvailable: () => false,
    encryptString: () => Buffer.alloc(0),
    decryptString: () => '',
  },
  contextBridge: { exposeInMainWorld: (key, value) => (state.exposed[key] = value) },
  ipcRenderer: {
    invoke: async (name, req) => ({ ok: true, value: { name, req } }),
    on: () => undefined,
    removeListener: () => undefined,
  },
  webUtils: { getPathForFile: () => '/dropped.jsonl' },
  __state: state,
};
module.exports = electron;

async function driveMain() {
  await app.whenReady();
  // let main's whenReady handlers and the core start
  for (let i = 0; i < 100 && !state.coreReady; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const info = await callIpc('app:info', {}, true);
    if (info && info.ok && info.value.gateway) state.coreReady = true;
  }
  const win = state.windows[0];
  const headers = await new Promise((resolve) =>
    state.headersHook({ responseHeaders: { 'content-security-policy': ['x'] } }, (r) =>
      resolve(r.responseHeaders),
    ),
  );
  const permission = await new Promise((resolve) =>
    state.permissionHandler(win.webContents, 'media', resolve, { requestingUrl: win.webContents.url }),
  );
  let navPrevented = false;
  win.webContents.emit('will-navigate', {
    url: 'https://evil.example/',
    preventDefault: () => (navPrevented = true),
  });
  // A page's own window.open (no click) opens nothing; after the user's click, an https link does,
  // once; an http link never.
  const openResult = win.webContents.windowOpenHandler({ url: 'https://docs.example.org/' });
  const openedWithoutGesture = state.opened === undefined ? null : state.opened;
  win.webContents.emit('input-event', {}, { type: 'mouseUp' });
  win.webContents.windowOpenHandler({ url: 'http://plain.example.org/' });
  const openedHttp = state.opened === undefined ? null : state.opened;
  win.webContents.emit('input-event', {}, { type: 'mouseUp' });
  win.webContents.windowOpenHandler({ url: 'https://docs.example.org/' });
  const openedAfterClick = state.opened === undefined ? null : state.opened;
  state.opened = undefined;
  win.webContents.windowOpenHandler({ url: 'https://docs.example.org/again' });
  const openedTwice = state.opened === undefined ? null : state.opened;
  // The app:// scheme: the page with its CSP header; anything outside the renderer folder refused.
  const serveApp = async (url, method = 'GET') => {
    const handler = state.protocolHandlers && state.protocolHandlers.app;
    if (!handler) return null;
    const res = await handler(new globalThis.Request(url, { method }));
    const text = await res.text();
    return { status: res.status, csp: res.headers.get('content-security-policy'), start: text.slice(0, 15) };
  };
  const appProtocol = {
    privileged: state.privilegedSchemes,
    index: await serveApp(win.webContents.url),
    traversal: await Promise.all(
      [
        'app://penin/%2e%2e/%2e%2e/package.json',
        'app://penin/..%2f..%2fpackage.json',
        'app://penin/assets/..%5c..%5c..%5cpackage.json',
        'app://other/index.html',
      ].map((u) => serveApp(u).then((r) => r && r.status)),
    ),
    post: await serveApp('app://penin/index.html', 'POST').then((r) => r && r.status),
  };
  // An operator forces a breaker open: the alert it raises becomes an OS notification, as the
  // window is in the background.
  const breakers = await callIpc('breakers:list', {}, true);
  const provider = breakers && breakers.ok && breakers.value[0] ? breakers.value[0].provider : null;
  if (provider !== null) await callIpc('breakers:forceOpen', { provider, reason: 'smoke test' }, true);
  for (let i = 0; i < 40 && state.notifications.length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 10));
  const report = {
    sandboxEnabled: state.sandboxEnabled === true,
    lockData: state.lockData,
    webPreferences: win.options.webPreferences,
    loadedUrl: win.webContents.url,
    ipcChannels: [...state.ipcHandlers.keys()],
    info: await callIpc('app:info', {}, true),
    budget: await callIpc('budget:get', {}, true),
    badRequest: await callIpc('ledger:rows', { sessionId: 'x', from: -1, count: 1 }, true),
    untrusted: await callIpc('app:info', {}, false),
    csp: headers['Content-Security-Policy'],
    oldCspRemoved: !('content-security-policy' in headers),
    permissionGranted: permission,
    navPrevented,
    openResult,
    openedWithoutGesture,
    openedHttp,
    openedAfterClick,
    openedTwice,
    appProtocol,
    menu: (state.menu || []).map((m) => m.label),
    eventsSent: [...new Set(state.sent.map(([name]) => name))].sort(),
    forcedOpen: provider,
    notifications: state.notifications,
  };
  console.log(`FAKE_ELECTRON_REPORT ${JSON.stringify(report)}`);
  app.quit();
}

async function callIpc(name, req, trusted) {
  const handler = state.ipcHandlers.get(name);
  if (!handler) return null;
  const win = state.windows[0];
  const event = trusted
    ? { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } }
    : { sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } };
  return handler(event, req);
}

async function drivePreload() {
  await new Promise((r) => setTimeout(r, 10));
  const bridge = state.exposed.penin;
  const report = {
    exposedKeys: Object.keys(state.exposed),
    bridgeKeys: Object.keys(bridge).sort(),
    channels: Object.keys(bridge.call),
    frozen: Object.isFrozen(bridge) && Object.isFrozen(bridge.call),
    call: await bridge.call['ledger:progress']({ sessionId: 's' }),
    unknownEvent: (() => {
      try {
        bridge.on('not:an-event', () => undefined);
        return 'accepted';
      } catch (error) {
        return String(error.message);
      }
    })(),
    pathForFile: bridge.pathForFile({}),
  };
  console.log(`FAKE_ELECTRON_REPORT ${JSON.stringify(report)}`);
}

if (process.env.FAKE_ELECTRON_DRIVE === 'preload') {
  drivePreload().catch((error) => {
    console.log(`FAKE_ELECTRON_ERROR ${error && error.stack}`);
    process.exit(3);
  });
}

if (process.env.FAKE_ELECTRON_DRIVE === 'main') {
  driveMain().catch((error) => {
    console.log(`FAKE_ELECTRON_ERROR ${error && error.stack}`);
    process.exit(3);
  });
}
