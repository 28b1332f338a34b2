import { describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../engine/src/contract/engine-contract.js';
import { createEngineSwitch } from '../../engine/src/service/engine-switch.js';
import { createTray, trayMenuTemplate } from './tray-menu.js';

type Item = { label?: string; enabled?: boolean; click?: () => void };

function connection(fail = false) {
  return createEngineSwitch({
    initial: { kind: 'connection', name: 'berth-machine-default' },
    label: () => 'berth-machine-default',
    open: async () => {
      if (fail) throw new Error('unable to connect to Berth socket: connection refused');
      return { engine: {} as Engine, location: 'berth-machine-default', close: async () => undefined };
    },
  });
}

describe('tray (electron mocked)', () => {
  it('shows the state and offers the action that fits it', async () => {
    const conn = connection();
    const actions = { showWindow: vi.fn(), quit: vi.fn(), reportError: vi.fn() };
    let items = trayMenuTemplate(conn, actions) as Item[];
    expect(items.map((i) => i.label)).toContain('Engine: disconnected');
    items.find((i) => i.label === 'Connect')!.click!();
    await vi.waitFor(() => expect(conn.state).toBe('connected'));
    items = trayMenuTemplate(conn, actions) as Item[];
    expect(items.map((i) => i.label)).toContain('Engine (berth-machine-default): connected');
    expect(items.find((i) => i.label === 'Disconnect')?.enabled).toBe(true);
  });

  it('reports a failed connect to the user and in the menu', async () => {
    const conn = connection(true);
    const actions = { showWindow: vi.fn(), quit: vi.fn(), reportError: vi.fn() };
    (trayMenuTemplate(conn, actions) as Item[]).find((i) => i.label === 'Connect')!.click!();
    await vi.waitFor(() =>
      expect(actions.reportError).toHaveBeenCalledWith(expect.stringMatching(/connection refused/)),
    );
    expect((trayMenuTemplate(conn, actions) as Item[]).map((i) => i.label)).toContain(
      'Last error: unable to connect to Berth socket: connection refused',
    );
  });

  it('rebuilds its menu on every state change and opens the window on click', async () => {
    const conn = connection();
    const built: Item[][] = [];
    const tray = { setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
    const deps = {
      Tray: vi.fn(function () {
        return tray;
      }) as never,
      Menu: { buildFromTemplate: vi.fn((t: Item[]) => (built.push(t), t)) as never },
      nativeImage: { createFromDataURL: vi.fn((url: string) => ({ url })) as never },
    };
    const actions = { showWindow: vi.fn(), quit: vi.fn(), reportError: vi.fn() };
    const dispose = createTray(deps, conn, actions);
    expect(deps.nativeImage.createFromDataURL).toHaveBeenCalledWith(
      expect.stringMatching(/^data:image\/png;base64,iVBOR/),
    );
    await conn.connect();
    expect(built.length).toBe(3); // initial, connecting, connected
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Berth Desktop: engine connected');
    (tray.on.mock.calls[0]![1] as () => void)();
    expect(actions.showWindow).toHaveBeenCalledOnce();
    dispose();
    expect(tray.destroy).toHaveBeenCalledOnce();
    await conn.disconnect();
    expect(built.length).toBe(3); // no longer listening
  });
});
