// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineConnectionState } from '../../../../engine/src/contract/connection-types.js';
import { EngineCallError } from '../../transport/transport.js';
import { connectionsReport, engineState } from '../../testing/connection-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const STREAMS = ['events.stream', 'connections.watch'];

/** A host with the local engine and two connections; `use` answers as the host would (or fails). */
function setup(options: { failUse?: string } = {}) {
  const host = {
    using: engineState('local', 1),
    connections: [
      { name: 'svc', uri: 'unix:///run/svc.sock', isDefault: true, reachable: true },
      { name: 'far', uri: 'ssh://core@far.example:22/run/berth/berth.sock', isDefault: false },
    ] as Array<{ name: string; uri: string; isDefault: boolean; reachable?: boolean; identity?: string }>,
  };
  const view = renderApp(
    {
      'system.info': () => ({ version: {}, host: { security: {} }, store: {} }),
      'registries.logins': () => ({ authFile: '/run/auth.json', logins: [] }),
      'connections.list': () => connectionsReport(host.using, host.connections),
      'connections.use': (input: { name?: string; local?: true }) => {
        if (options.failUse) throw new EngineCallError(options.failUse, 'engine');
        host.using = engineState(input.name ?? 'local', host.using.generation + 1);
        return host.using;
      },
      'connections.add': (input: { name: string; destination: string; makeDefault: boolean }) => {
        if (host.connections.some((c) => c.name === input.name))
          throw new EngineCallError(`connection "${input.name}" already exists`, 'invalid-input');
        const added = {
          name: input.name,
          uri: input.destination,
          isDefault: input.makeDefault,
          reachable: false,
        };
        host.connections = [...host.connections, added];
        return { kind: 'connection', inUse: false, ...added };
      },
      'connections.remove': (input: { name: string }) => {
        host.connections = host.connections.filter((c) => c.name !== input.name);
        return input;
      },
      'connections.setDefault': (input: { name: string }) => {
        host.connections = host.connections.map((c) => ({ ...c, isDefault: c.name === input.name }));
        return input;
      },
    },
    { page: 'settings' },
    STREAMS,
  );
  const watch = () => view.transport.stream('connections.watch')!;
  act(() => watch().push(host.using));
  return { ...view, host, watch };
}

const engines = () => screen.findByRole('list', { name: 'Engines' });
const entry = async (name: string) => within(await engines()).getByRole('listitem', { name });
const statusText = () => document.querySelector('.connection')?.textContent;

describe('Settings › Engine connection', () => {
  it('lists the local engine and the connections: default, in use, and whether they answer', async () => {
    setup();
    const local = await entry('Local engine');
    expect(local.textContent).toContain('in use');
    expect(within(local).queryByRole('button', { name: 'Use Local engine' })).toBeNull();
    const svc = await entry('svc');
    expect(svc.textContent).toContain('unix:///run/svc.sock');
    expect(svc.textContent).toContain('default');
    expect(svc.textContent).toContain('answers');
    expect(within(svc).queryByRole('button', { name: 'Make svc the default' })).toBeNull();
    const far = await entry('far');
    expect(far.textContent).toContain('not checked');
    expect(within(far).getByRole('button', { name: 'Make far the default' })).toBeTruthy();
    expect(screen.getByText('/root/.config/berth/connections.json')).toBeTruthy();
    expect(document.querySelector('[data-testid="engine-in-use"]')?.textContent).toBe(' · local');
  });

  it('"Use" switches: the status names the new engine, everything is read again, events reopen', async () => {
    const { transport } = setup();
    fireEvent.click(within(await entry('svc')).getByRole('button', { name: 'Use svc' }));
    await waitFor(() => expect(transport.callsOf('connections.use')).toEqual([{ name: 'svc' }]));
    await waitFor(() => expect(screen.getByTestId('engine-in-use').textContent).toBe(' · svc'));
    await waitFor(async () => expect((await entry('svc')).textContent).toContain('in use'));
    // The live-update stream is reopened on the new engine, and the engine's reads are redone.
    await waitFor(() => expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(2));
    expect(transport.streams.filter((s) => s.name === 'events.stream')[0]!.cancelled).toBe(true);
    await waitFor(() => expect(transport.callsOf('system.info').length).toBeGreaterThanOrEqual(2));
    // Back to local.
    fireEvent.click(within(await entry('Local engine')).getByRole('button', { name: 'Use Local engine' }));
    await waitFor(() =>
      expect(transport.callsOf('connections.use')).toEqual([{ name: 'svc' }, { local: true }]),
    );
    await waitFor(() => expect(screen.getByTestId('engine-in-use').textContent).toBe(' · local'));
  });

  it('a failed switch says why and stays on the engine in use', async () => {
    const message =
      'could not switch to the engine "svc": unable to connect to Berth socket: dial unix /run/svc.sock: connect: connection refused (still using the engine "local")';
    const { transport } = setup({ failUse: message });
    fireEvent.click(within(await entry('svc')).getByRole('button', { name: 'Use svc' }));
    expect((await screen.findByText(message)).getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('engine-in-use').textContent).toBe(' · local');
    expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(1);
    expect((await entry('Local engine')).textContent).toContain('in use');
  });

  it('adds a connection (checked by the contract first), makes one default and removes one', async () => {
    const { transport } = setup();
    const form = screen.getByRole('form', { name: 'Add a connection' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Connection name' }), {
      target: { value: 'vm' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Destination' }), {
      target: { value: 'http://host/x.sock' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add connection' }));
    expect(await within(form).findByText(/use unix:\/\/\/path\/to\/socket or ssh:\/\//)).toBeTruthy();
    expect(transport.callsOf('connections.add')).toEqual([]);
    fireEvent.change(within(form).getByRole('textbox', { name: 'Destination' }), {
      target: { value: 'unix:///run/vm.sock' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add connection' }));
    expect(await within(form).findByText('Added vm.')).toBeTruthy();
    expect(transport.callsOf('connections.add')).toEqual([
      { name: 'vm', destination: 'unix:///run/vm.sock', makeDefault: false },
    ]);
    expect((await entry('vm')).textContent).toContain('not answering');
    // A taken name: the host's error, under the form.
    fireEvent.change(within(form).getByRole('textbox', { name: 'Connection name' }), {
      target: { value: 'svc' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Destination' }), {
      target: { value: 'unix:///run/x.sock' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add connection' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('connection "svc" already exists');

    fireEvent.click(within(await entry('far')).getByRole('button', { name: 'Make far the default' }));
    await waitFor(async () => expect((await entry('far')).textContent).toContain('default'));
    expect(transport.callsOf('connections.setDefault')).toEqual([{ name: 'far' }]);
    fireEvent.click(within(await entry('vm')).getByRole('button', { name: 'Remove vm' }));
    await waitFor(async () =>
      expect(within(await engines()).queryByRole('listitem', { name: 'vm' })).toBeNull(),
    );
    expect(transport.callsOf('connections.remove')).toEqual([{ name: 'vm' }]);
  });

  it('follows a switch made elsewhere (the tray, another window): the watch says so', async () => {
    const { transport, watch, host } = setup();
    await entry('svc');
    const infoReads = transport.callsOf('system.info').length;
    host.using = engineState('svc', 2);
    act(() => watch().push(host.using));
    await waitFor(() => expect(screen.getByTestId('engine-in-use').textContent).toBe(' · svc'));
    await waitFor(() => expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(2));
    await waitFor(() => expect(transport.callsOf('system.info').length).toBeGreaterThan(infoReads));
    // Disconnected from the tray: said in the status, nothing reopened.
    const disconnected: EngineConnectionState = { ...host.using, status: 'disconnected' };
    act(() => watch().push(disconnected));
    await waitFor(() => expect(statusText()).toContain('Engine disconnected'));
    expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(2);
  });
});
