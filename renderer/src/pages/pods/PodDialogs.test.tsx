// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { podSummary } from '../../testing/pod-network-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

describe('CreatePodDialog', () => {
  it('checks ports and labels as the engine would, then creates the pod and lists it', async () => {
    const created = podSummary('cc', 'shop', {
      status: 'Created',
      ports: [{ host_ip: '', host_port: 8080, container_port: 80, protocol: 'tcp', range: 1 }],
    });
    const { transport } = renderApp(
      { 'pods.list': () => [], 'pods.create': () => created },
      { page: 'pods' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create your first pod' }));
    const dialog = screen.getByRole('dialog', { name: 'Create a pod' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Pod name' }), {
      target: { value: 'shop' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add port' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Ports 1' }), {
      target: { value: '80:http' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add label' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Labels 1' }), { target: { value: '=x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/use \[ip:\]\[hostPort:\]containerPort/)).toBeTruthy();
    expect(within(dialog).getByText(/the key may not be empty/)).toBeTruthy();
    expect(transport.callsOf('pods.create')).toEqual([]);

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Ports 1' }), {
      target: { value: '8080:80' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Labels 1' }), {
      target: { value: 'team=a=b' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(transport.callsOf('pods.create')).toEqual([
      { name: 'shop', ports: ['8080:80'], labels: { team: 'a=b' } },
    ]);
    const table = await screen.findByRole('table', { name: 'Pods' });
    expect(within(table).getByRole('button', { name: 'shop' })).toBeTruthy();
  });

  it('says what the engine refused', async () => {
    renderApp(
      {
        'pods.list': () => [],
        'pods.create': () => {
          throw new Error('adding pod to state: name "shop" is in use: pod already exists');
        },
      },
      { page: 'pods' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create pod' }));
    const dialog = screen.getByRole('dialog', { name: 'Create a pod' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Pod name' }), {
      target: { value: 'shop' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('pod already exists');
  });
});
