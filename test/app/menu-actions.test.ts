import { describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMenuActions, type DesktopPorts } from '../../electron/app/menu-actions';
import { createRecentFiles } from '../../electron/app/recent-files';
import { LedgerSessions } from '../../electron/app/ledger-sessions';
import { tmpDir } from '../helpers/tmp';
import { FakeSession } from '../helpers/fakes/fake-session';

function make(opts: { picked?: string | null; savePath?: string | null; docs?: string | null } = {}) {
  const messages: [string, string, string, string | undefined][] = [];
  const ports: DesktopPorts = {
    pickLedger: vi.fn(async () => opts.picked ?? null),
    pickReportPath: vi.fn(async () => opts.savePath ?? null),
    message: (kind, title, message, detail) => messages.push([kind, title, message, detail]),
    openExternal: vi.fn(async () => undefined),
    showWindow: vi.fn(),
  };
  const sessions = new LedgerSessions({ open: (p) => new FakeSession(p), liveLedgerPath: null });
  const service = { requestOpenLedger: vi.fn(), sessions };
  const recent = createRecentFiles(join(tmpDir(), 'recent.json'));
  const refreshMenu = vi.fn();
  const actions = createMenuActions({
    ports,
    service,
    recent,
    refreshMenu,
    about: () => ({
      appName: 'PENIN Console',
      version: '1.0.0',
      versions: { electron: '40' },
      gatewayUrl: 'http://127.0.0.1:8787',
      dataDir: '/data',
    }),
    documentationUrl: opts.docs ?? null,
  });
  return { actions, ports, service, sessions, recent, refreshMenu, messages };
}

const flush = () => new Promise((r) => setTimeout(r, 10));

function ledger(): string {
  const p = join(tmpDir(), 'l.jsonl');
  writeFileSync(p, '');
  return p;
}

describe('menu actions', () => {
  it('Open Ledger asks for a file and tells the renderer to open it', async () => {
    const path = ledger();
    const { actions, service, ports } = make({ picked: path });
    actions.openLedger();
    await flush();
    expect(ports.showWindow).toHaveBeenCalled();
    expect(service.requestOpenLedger).toHaveBeenCalledWith(path);
  });

  it('Open Ledger does nothing when cancelled', async () => {
    const { actions, service } = make({ picked: null });
    actions.openLedger();
    await flush();
    expect(service.requestOpenLedger).not.toHaveBeenCalled();
  });

  it('a recent ledger that no longer exists is dropped from the list, with a message', () => {
    const { actions, recent, service, refreshMenu, messages } = make();
    recent.add('/gone/ledger.jsonl');
    actions.openRecent('/gone/ledger.jsonl');
    expect(service.requestOpenLedger).not.toHaveBeenCalled();
    expect(recent.list()).toEqual([]);
    expect(refreshMenu).toHaveBeenCalled();
    expect(messages[0]?.[0]).toBe('error');
  });

  it('Export Report without an open ledger says so', async () => {
    const { actions, messages, ports } = make();
    actions.exportReport();
    await flush();
    expect(ports.pickReportPath).not.toHaveBeenCalled();
    expect(messages[0]?.[2]).toMatch(/Open a ledger first/);
  });

  it('Export Report writes the report of the ledger used last, as HTML or JSON by extension', async () => {
    const target = join(tmpDir(), 'report.json');
    const { actions, sessions, messages, ports } = make({ savePath: target });
    await sessions.openPath(ledger(), 'audit');
    actions.exportReport();
    // The report reads the file again for its SHA-256: wait for the message, not for a set delay.
    await vi.waitFor(() => expect(messages[0]?.[2]).toBe(`Report written to ${target}`));
    expect(ports.pickReportPath).toHaveBeenCalledWith(expect.stringMatching(/\.html$/));
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ valid: true });
  });

  it('Documentation opens a valid http(s) homepage, else shows the quick start', () => {
    const withDocs = make({ docs: 'https://docs.example.org/penin' });
    withDocs.actions.documentation();
    expect(withDocs.ports.openExternal).toHaveBeenCalledWith('https://docs.example.org/penin');
    const evil = make({ docs: 'javascript:alert(1)' });
    evil.actions.documentation();
    expect(evil.ports.openExternal).not.toHaveBeenCalled();
    expect(evil.messages[0]?.[3]).toContain('http://127.0.0.1:8787/v1');
  });

  it('About shows the version', () => {
    const { actions, messages } = make();
    actions.about();
    expect(messages[0]?.[2]).toBe('PENIN Console 1.0.0');
    expect(messages[0]?.[3]).toContain('Electron 40');
  });
});
