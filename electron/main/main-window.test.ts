import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { isAppUrl, lockNavigation, rendererEntry, secureWindowOptions } from './main-window.js';

describe('main window (electron mocked)', () => {
  it('uses a sandboxed, isolated renderer without Node', () => {
    const prefs = secureWindowOptions('/app/preload.cjs', undefined).webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('restores saved bounds', () => {
    const o = secureWindowOptions('/p', { x: 10, y: 20, width: 1000, height: 700 });
    expect([o.x, o.y, o.width, o.height]).toEqual([10, 20, 1000, 700]);
  });

  it('treats only files of the renderer folder as the app', () => {
    expect(isAppUrl(rendererEntry('/opt/berth/renderer'), '/opt/berth/renderer')).toBe(true);
    expect(isAppUrl('file:///opt/berth/renderer-evil/index.html', '/opt/berth/renderer')).toBe(false);
    expect(isAppUrl('https://example.com/', '/opt/berth/renderer')).toBe(false);
  });

  it('blocks navigation away and sends new windows to the system browser', () => {
    const webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    const shell = { openExternal: vi.fn(async () => undefined) };
    lockNavigation({ webContents } as never, '/opt/berth/renderer', shell);
    const away = { preventDefault: vi.fn() };
    webContents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    webContents.emit('will-navigate', inside, 'file:///opt/berth/renderer/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const handler = webContents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => {
      action: string;
    };
    expect(handler({ url: 'https://podman.io/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://podman.io/');
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
