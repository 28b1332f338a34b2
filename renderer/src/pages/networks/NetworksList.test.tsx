// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkInspect } from '../../../../engine/src/contract/network-types.js';
import { networkInspect } from '../../testing/pod-network-fixtures.js';
import { renderApp } from '../../testing/render-app.js';
import { useUiStore } from '../../stores/ui-store.js';

afterEach(cleanup);

const defaultNetwork = networkInspect('berth', {
  subnet: '10.85.0.0/16',
  containers: [{ id: 'c1', name: 'web' }],
});
const backend = networkInspect('backend', {
  subnet: '10.86.3.0/24',
  internal: true,
  dns: false,
  containers: [
    { id: 'c2', name: 'db', ipnet: '10.86.3.2/24' },
    { id: 'c3', name: 'cache' },
  ],
});

function handlers(store: { list: NetworkInspect[] }) {
  return {
    'networks.list': () => store.list,
    'networks.inspect': (input: { network: string }) => {
      const found = store.list.find((n) => n.name === input.network);
      if (!found) throw Object.assign(new Error('network not found'), { code: 'not-found' });
      return found;
    },
  };
}

describe('NetworksList', () => {
  it('lists networks with subnet, gateway, DNS, internal and containers; the default one first, kept', async () => {
    renderApp(handlers({ list: [backend, defaultNetwork] }), { page: 'networks' });
    const table = await screen.findByRole('table', { name: 'Networks' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('berth (default)');
    expect(rows[0]!.textContent).toContain('10.85.0.1');
    expect(rows[1]!.textContent).toMatch(
      /backend.*bridge.*10\.86\.3\.0\/24.*10\.86\.3\.1.*off.*yes.*2 containers/,
    );
    expect(
      (within(rows[0]!).getByRole('button', { name: 'Delete berth' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search networks' }), {
      target: { value: '10.86' },
    });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('follows network events and container removals one network at a time', async () => {
    const store = { list: [defaultNetwork] };
    const { transport } = renderApp(handlers(store), { page: 'networks' });
    const table = await screen.findByRole('table', { name: 'Networks' });
    store.list = [defaultNetwork, backend];
    act(() =>
      transport
        .stream('events.stream')!
        .push({ Type: 'network', Status: 'create', Name: 'backend', Time: '' }),
    );
    expect(await within(table).findByRole('button', { name: 'backend' })).toBeTruthy();
    store.list = [networkInspect('berth', { subnet: '10.85.0.0/16' }), backend];
    act(() =>
      transport
        .stream('events.stream')!
        .push({ Type: 'container', Status: 'remove', ID: 'c1'.padEnd(64, '0'), Time: '' }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')[1]!.textContent).not.toContain('container'));
    act(() =>
      transport
        .stream('events.stream')!
        .push({ Type: 'network', Status: 'remove', Name: 'backend', Time: '' }),
    );
    await waitFor(() => expect(within(table).queryByRole('button', { name: 'backend' })).toBeNull());
    expect(transport.callsOf('networks.list')).toEqual([{}]);
    expect(transport.callsOf('networks.inspect')).toEqual([{ network: 'backend' }, { network: 'berth' }]);
  });

  it('shows one network’s settings and connected containers, which link to their details', async () => {
    renderApp(handlers({ list: [defaultNetwork, backend] }), { page: 'networks', networkName: 'backend' });
    const summary = await screen.findByTestId('network-summary');
    expect(summary.textContent).toContain('10.86.3.0/24 via 10.86.3.1');
    const connected = within(summary).getByRole('table', { name: 'Connected containers' });
    expect(connected.textContent).toContain('10.86.3.2/24');
    expect(connected.textContent).toContain('not running');
    fireEvent.click(screen.getByRole('tab', { name: 'Inspect' }));
    expect(JSON.parse(screen.getByLabelText('Network inspect JSON').textContent!)).toMatchObject({
      name: 'backend',
      internal: true,
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    fireEvent.click(await screen.findByRole('button', { name: 'db' }));
    expect(useUiStore.getState().route).toEqual({ page: 'containers', containerId: 'c2'.padEnd(64, '0') });
  });
});
