// What the menu items do. Plain: dialogs, the system browser and the window are ports, so the
// behaviour is tested under Node with fakes; main.ts passes Electron-backed ones.
import { existsSync } from 'node:fs';
import { aboutDetail, quickStartText, type AboutFacts } from './about-text';
import type { ConsoleService } from './console-service';
import { exportReport } from './export-report';
import type { MenuActions } from './menu-template';
import { safeExternalUrl } from './navigation-policy';
import type { RecentFiles } from './recent-files';

export interface DesktopPorts {
  /** File ▸ Open Ledger…: the chosen file or null. */
  pickLedger(): Promise<string | null>;
  /** File ▸ Export Report…: the chosen target or null. */
  pickReportPath(defaultFileName: string): Promise<string | null>;
  message(kind: 'info' | 'error', title: string, message: string, detail?: string): void;
  openExternal(url: string): Promise<void>;
  /** Brings the window up (creating it if needed). */
  showWindow(): void;
}

export interface MenuActionsDeps {
  ports: DesktopPorts;
  service: Pick<ConsoleService, 'requestOpenLedger' | 'sessions'>;
  recent: RecentFiles;
  /** Rebuild the menu (Open Recent changed). */
  refreshMenu(): void;
  about(): AboutFacts;
  documentationUrl: string | null;
  fileExists?: (path: string) => boolean;
}

export interface DesktopActions extends MenuActions {
  /** Opens `path` for audit: from the menu, a second instance or the OS (open-file). */
  openLedgerPath(path: string): void;
}

export function createMenuActions(deps: MenuActionsDeps): DesktopActions {
  const { ports, service, recent } = deps;
  const fileExists = deps.fileExists ?? existsSync;
  const report = (error: unknown): void =>
    ports.message('error', 'PENIN Console', error instanceof Error ? error.message : String(error));

  function openLedgerPath(path: string): void {
    ports.showWindow();
    if (!fileExists(path)) {
      recent.remove(path);
      deps.refreshMenu();
      ports.message('error', 'Open Ledger', `The ledger ${path} does not exist.`);
      return;
    }
    service.requestOpenLedger(path);
  }

  return {
    openLedgerPath,
    openLedger() {
      ports.pickLedger().then((path) => {
        if (path !== null) openLedgerPath(path);
      }, report);
    },
    openRecent: openLedgerPath,
    clearRecent() {
      recent.clear();
      deps.refreshMenu();
    },
    exportReport() {
      exportReport(service.sessions.mostRecent(), (name) => ports.pickReportPath(name)).then((outcome) => {
        if (outcome.kind === 'no_ledger')
          ports.message(
            'info',
            'Export Report',
            'Open a ledger first: the report covers the ledger you are viewing.',
          );
        else if (outcome.kind === 'failed')
          ports.message('error', 'Export Report', `The report could not be written: ${outcome.message}`);
        else if (outcome.kind === 'written') {
          ports.message(
            'info',
            'Export Report',
            `Report written to ${outcome.path}`,
            outcome.valid ? 'The chain is intact.' : 'The chain has breaks: see the report.',
          );
        }
      }, report);
    },
    about() {
      const facts = deps.about();
      ports.message(
        'info',
        `About ${facts.appName}`,
        `${facts.appName} ${facts.version}`,
        aboutDetail(facts),
      );
    },
    documentation() {
      const url = deps.documentationUrl === null ? null : safeExternalUrl(deps.documentationUrl);
      if (url !== null) {
        ports.openExternal(url).catch(report);
        return;
      }
      const facts = deps.about();
      ports.message(
        'info',
        'Documentation',
        `${facts.appName}: quick start`,
        quickStartText(facts.gatewayUrl, facts.dataDir),
      );
    },
  };
}
