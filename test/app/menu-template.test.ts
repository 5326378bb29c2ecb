import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuLabel, menuTemplate, type MenuActions } from '../../electron/app/menu-template';

function actions(): MenuActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    openLedger: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    exportReport: vi.fn(),
    about: vi.fn(),
    documentation: vi.fn(),
  };
}

const sub = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((i) => i.label?.replace('&', '') === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('menuTemplate', () => {
  const base = { appName: 'PENIN Console', isDev: false, isMac: false, recent: [] as string[] };

  it('has File, Edit, View and Help; File holds Open Ledger, Open Recent, Export Report and Quit', () => {
    const a = actions();
    const menu = menuTemplate(base, a);
    expect(menu.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = sub(find(menu, 'File'));
    click(find(file, 'Open Ledger…'));
    click(find(file, 'Export Report…'));
    expect(a.openLedger).toHaveBeenCalled();
    expect(a.exportReport).toHaveBeenCalled();
    expect(find(file, 'Open Ledger…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('lists recent ledgers in Open Recent and opens the clicked one', () => {
    const a = actions();
    const menu = menuTemplate({ ...base, recent: ['/l/a.jsonl', '/l/b&c.jsonl'] }, a);
    const recent = sub(find(sub(find(menu, 'File')), 'Open Recent'));
    expect(recent.slice(0, 2).map((i) => i.label)).toEqual(['/l/a.jsonl', '/l/b&&c.jsonl']);
    click(recent[1]);
    expect(a.openRecent).toHaveBeenCalledWith('/l/b&c.jsonl');
    click(find(recent, 'Clear Recent'));
    expect(a.clearRecent).toHaveBeenCalled();
  });

  it('shows a disabled placeholder when there are no recent ledgers', () => {
    const recent = sub(find(sub(find(menuTemplate(base, actions()), 'File')), 'Open Recent'));
    expect(recent[0]).toMatchObject({ label: 'No Recent Ledgers', enabled: false });
    expect(find(recent, 'Clear Recent')?.enabled).toBe(false);
  });

  it('offers reload and devtools in development only', () => {
    const roles = (isDev: boolean) =>
      sub(find(menuTemplate({ ...base, isDev }, actions()), 'View')).map((i) => i.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('forceReload');
  });

  it('Help has About and Documentation', () => {
    const a = actions();
    const help = sub(find(menuTemplate(base, a), 'Help'));
    click(find(help, 'About PENIN Console'));
    click(find(help, 'Documentation'));
    expect(a.about).toHaveBeenCalled();
    expect(a.documentation).toHaveBeenCalled();
  });

  it('on macOS puts the app menu first and Quit there', () => {
    const menu = menuTemplate({ ...base, isMac: true }, actions());
    expect(menu[0]?.label).toBe('PENIN Console');
    expect(sub(menu[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(sub(find(menu, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });

  it('shortens very long paths', () => {
    expect(menuLabel(`/${'x'.repeat(200)}`)).toHaveLength(80);
  });
});
