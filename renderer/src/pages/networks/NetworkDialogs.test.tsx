// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { networkInspect } from '../../testing/pod-network-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const berth = networkInspect('berth', { subnet: '10.85.0.0/16' });

describe('NetworkDialogs', () => {
  it('creates a network with the subnet, gateway, internal flag and labels given', async () => {
    const { transport } = renderApp(
      {
        'networks.list': () => [berth],
        'networks.create': () => networkInspect('front', { subnet: '10.90.0.0/24', internal: true }),
      },
      { page: 'networks' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create network' }));
    const dialog = screen.getByRole('dialog', { name: 'Create a network' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Network name' }), {
      target: { value: 'front' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Gateway' }), {
      target: { value: '10.90.0.1' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('give the subnet the gateway is in')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Subnet' }), {
      target: { value: '10.90.0.0/24' },
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Internal/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add label' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Labels 1' }), {
      target: { value: 'tier' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(transport.callsOf('networks.create')).toEqual([
      { name: 'front', subnet: '10.90.0.0/24', gateway: '10.90.0.1', internal: true, labels: { tier: '' } },
    ]);
    expect(
      within(screen.getByRole('table', { name: 'Networks' })).getByRole('button', { name: 'front' }),
    ).toBeTruthy();
  });

  it('asks again, offering to remove the containers, when a network is in use', async () => {
    const used = networkInspect('backend', {
      subnet: '10.86.3.0/24',
      containers: [{ id: 'c2', name: 'db' }],
    });
    const { transport } = renderApp(
      {
        'networks.list': () => [berth, used],
        'networks.remove': (input: { force: boolean }) => {
          if (!input.force)
            throw Object.assign(new Error('"backend" has associated containers with it'), {
              code: 'conflict',
            });
          return { name: 'backend' };
        },
      },
      { page: 'networks' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete backend' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete network backend?' });
    expect(dialog.textContent).toContain('1 container is connected to backend.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete the network and its containers' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'backend' })).toBeNull());
    expect(transport.callsOf('networks.remove')).toEqual([{ network: 'backend', force: true }]);
  });

  it('prunes unused networks and says how many went', async () => {
    const spare = networkInspect('spare', { subnet: '10.86.4.0/24' });
    renderApp(
      { 'networks.list': () => [berth, spare], 'networks.prune': () => ({ removed: ['spare'] }) },
      { page: 'networks' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Prune' }));
    const dialog = screen.getByRole('dialog', { name: 'Prune networks' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Prune' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Removed 1 network.');
    expect(screen.queryByRole('button', { name: 'spare' })).toBeNull();
  });
});
