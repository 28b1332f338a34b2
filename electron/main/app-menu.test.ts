import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './app-menu.js';

type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };

describe('application menu (electron mocked)', () => {
  it('has the edit roles (copy/paste) and no developer tools outside development', () => {
    const menu = appMenuTemplate({
      platform: 'linux',
      development: false,
      openDocs: vi.fn(),
      showWindow: vi.fn(),
    }) as Item[];
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    expect(menu.find((m) => m.label === 'Edit')?.role).toBe('editMenu');
    const view = menu.find((m) => m.label === 'View')!.submenu!.map((i) => i.role);
    expect(view).not.toContain('toggleDevTools');
    expect(view).not.toContain('reload');
    const dev = appMenuTemplate({
      platform: 'linux',
      development: true,
      openDocs: vi.fn(),
      showWindow: vi.fn(),
    }) as Item[];
    expect(dev.find((m) => m.label === 'View')!.submenu!.map((i) => i.role)).toContain('toggleDevTools');
  });

  it('adds the app menu on macOS and wires the help and show items', () => {
    const openDocs = vi.fn();
    const showWindow = vi.fn();
    const menu = appMenuTemplate({ platform: 'darwin', development: false, openDocs, showWindow }) as Item[];
    expect(menu[0]?.role).toBe('appMenu');
    menu.find((m) => m.role === 'help')!.submenu![0]!.click!();
    menu.find((m) => m.label === 'File')!.submenu![0]!.click!();
    expect(openDocs).toHaveBeenCalledOnce();
    expect(showWindow).toHaveBeenCalledOnce();
  });
});
