// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PodSummary } from '../../../../engine/src/contract/pod-types.js';
import { podSummary } from '../../testing/pod-network-fixtures.js';
import { renderApp } from '../../testing/render-app.js';
import { usePodsUiStore } from './pods-ui-store.js';

afterEach(cleanup);

const web = podSummary('aa', 'web', {
  created: '2023-11-14T22:13:30Z',
  members: [
    { id: 'c1', name: 'web-app', state: 'running' },
    { id: 'c2', name: 'web-db', state: 'running' },
  ],
  ports: [{ host_ip: '', host_port: 8080, container_port: 80, protocol: 'tcp', range: 1 }],
});
const batch = podSummary('bb', 'batch', {
  status: 'Exited',
  members: [{ id: 'c3', name: 'job', state: 'exited' }],
});

function handlers(store: { list: PodSummary[] }) {
  return {
    'pods.list': (input: { pods?: string[] }) =>
      input.pods ? store.list.filter((p) => input.pods!.includes(p.Id)) : store.list,
  };
}

describe('PodsList', () => {
  it('lists pods with status, member states, infra ID, ports and actions that fit', async () => {
    renderApp(handlers({ list: [batch, web] }), { page: 'pods' });
    const table = await screen.findByRole('table', { name: 'Pods' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('button')[0]!.textContent)).toEqual(['web', 'batch']);
    expect(within(rows[0]!).getByTestId('pod-status').textContent).toBe('running');
    expect(rows[0]!.textContent).toContain('2 containers: 2 running');
    expect(rows[1]!.textContent).toContain('1 container: 1 exited');
    expect(rows[0]!.textContent).toContain(web.InfraId.slice(0, 12));
    expect(within(rows[0]!).getByRole('link', { name: '8080→80/tcp' }).getAttribute('href')).toBe(
      'http://localhost:8080',
    );
    expect(within(rows[0]!).getByRole('button', { name: 'Stop pod web' })).toBeTruthy();
    expect(within(rows[1]!).getByRole('button', { name: 'Start pod batch' })).toBeTruthy();
    expect(
      (within(rows[1]!).getByRole('button', { name: 'Pause pod batch' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(screen.getByText('2 pods · 1 running')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search pods' }), { target: { value: 'job' } });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining('batch')]);
    expect(screen.getByText('1 of 2 shown')).toBeTruthy();
  });

  it('runs row and bulk actions, puts each answer in place, and reports failures once', async () => {
    const store = { list: [web, batch] };
    const { transport } = renderApp(
      {
        ...handlers(store),
        'pods.stop': (input: { pod: string }) => ({ ...web, Status: 'Exited', Id: input.pod }),
        'pods.start': (input: { pod: string }) => {
          throw Object.assign(new Error(`port 8080 is in use (${input.pod.slice(0, 2)})`), {
            code: 'engine',
          });
        },
      },
      { page: 'pods' },
    );
    const table = await screen.findByRole('table', { name: 'Pods' });
    fireEvent.click(within(table).getByRole('button', { name: 'Stop pod web' }));
    await waitFor(() => expect(within(table).getAllByTestId('pod-status')[0]!.textContent).toBe('exited'));
    expect(transport.callsOf('pods.stop')).toEqual([{ pod: web.Id }]);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown pods' }));
    const bulk = screen.getByRole('group', { name: 'Selected pods' });
    expect(within(bulk).getByText('2 selected')).toBeTruthy();
    fireEvent.click(within(bulk).getByRole('button', { name: 'Start selected' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not start');
    expect(alert.textContent).toContain('port 8080 is in use');
    expect(transport.callsOf('pods.start')).toHaveLength(2);
  });

  it('deletes pods after asking, and follows pod events one pod at a time', async () => {
    const store = { list: [web] };
    const { transport } = renderApp(
      { ...handlers(store), 'pods.remove': (input: { pod: string }) => ({ id: input.pod }) },
      { page: 'pods' },
    );
    const table = await screen.findByRole('table', { name: 'Pods' });
    store.list = [web, batch];
    act(() =>
      transport.stream('events.stream')!.push({ Type: 'pod', Status: 'create', ID: batch.Id, Time: '' }),
    );
    expect(await within(table).findByRole('button', { name: 'batch' })).toBeTruthy();
    expect(transport.callsOf('pods.list')).toEqual([{}, { pods: [batch.Id] }]);

    fireEvent.click(within(table).getByRole('button', { name: 'Delete pod web' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete pod web?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(table).queryByRole('button', { name: 'web' })).toBeNull());
    expect(transport.callsOf('pods.remove')).toEqual([{ pod: web.Id, force: true }]);
    expect(usePodsUiStore.getState().dialog).toBeUndefined();

    act(() =>
      transport.stream('events.stream')!.push({ Type: 'pod', Status: 'remove', ID: batch.Id, Time: '' }),
    );
    expect(await screen.findByText('No pods yet.')).toBeTruthy();
  });

  it('refreshes a pod when one of its containers changes', async () => {
    const store = { list: [web] };
    const { transport } = renderApp(handlers(store), { page: 'pods' });
    const table = await screen.findByRole('table', { name: 'Pods' });
    store.list = [
      podSummary('aa', 'web', {
        status: 'Degraded',
        members: [
          { id: 'c1', name: 'web-app', state: 'exited' },
          { id: 'c2', name: 'web-db', state: 'running' },
        ],
      }),
    ];
    act(() =>
      transport
        .stream('events.stream')!
        .push({ Type: 'container', Status: 'died', ID: 'c1'.padEnd(64, '0'), Time: '' }),
    );
    await waitFor(() => expect(within(table).getByTestId('pod-status').textContent).toBe('degraded'));
    expect(table.textContent).toContain('1 exited, 1 running');
  });
});
