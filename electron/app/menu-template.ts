// The application menu as data: File (Open Ledger…, Open Recent ▸, Export Report…, Quit), Edit,
// View (reload and devtools in development only) and Help (About, Documentation). electron/shell/menu.ts
// only builds it; this stays testable under Node (the electron import is type-only).
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openLedger(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  exportReport(): void;
  about(): void;
  documentation(): void;
}

export interface MenuState {
  appName: string;
  isDev: boolean;
  isMac: boolean;
  recent: readonly string[];
}

export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: 'No Recent Ledgers', enabled: false }]
      : state.recent.map((path) => ({ label: menuLabel(path), click: () => actions.openRecent(path) }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Ledger…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLedger() },
      {
        label: 'Open Recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          { label: 'Clear Recent', enabled: state.recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportReport() },
      ...(state.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(state.isDev
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: `About ${state.appName}`, click: () => actions.about() },
      { label: 'Documentation', click: () => actions.documentation() },
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = state.isMac
    ? [
        {
          label: state.appName,
          submenu: [
            { label: `About ${state.appName}`, click: () => actions.about() },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [...appMenu, file, edit, view, help];
}

/** A path as a menu label: `&` would otherwise be read as a mnemonic marker. */
export function menuLabel(path: string): string {
  const label = path.length > 80 ? `…${path.slice(-79)}` : path;
  return label.replace(/&/g, '&&');
}
