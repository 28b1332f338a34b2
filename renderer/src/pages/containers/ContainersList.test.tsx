// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../engine/src/contract/container-types.js';
import { containerSummary } from '../../testing/container-fixtures.js';
import { podInspect, podSummary } from '../../testing/pod-network-fixtures.js';
import { renderApp } from '../../testing/render-app.js';
import { useUiStore } from '../../stores/ui-store.js';

afterEach(cleanup);

const web = containerSummary('aa', 'web', {
  created: 300,
  ports: [{ host_ip: '', host_port: 8080, container_port: 80, protocol: 'tcp', range: 1 }],
});
const job = containerSummary('bb', 'job', { created: 200, state: 'exited', exitCode: 1 });

function listHandlers(store: { list: ContainerSummary[] }) {
  return {
    'containers.list': (input: { filters?: string[] }) =>
      input.filters?.length ? store.list.filter((c) => input.filters!.includes(`id=${c.Id}`)) : store.list,
  };
}

describe('ContainersList', () => {
  it('lists containers with state, ports as links and actions that fit the state', async () => {
    renderApp(listHandlers({ list: [job, web] }), { page: 'containers' });
    const table = await screen.findByRole('table', { name: 'Containers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('button', { name: /^(web|job)$/ }).textContent)).toEqual([
      'web',
      'job',
    ]);
    expect(within(rows[0]!).getByRole('link', { name: '8080→80/tcp' }).getAttribute('href')).toBe(
      'http://localhost:8080',
    );
    expect(within(rows[1]!).getByTestId('container-state').textContent).toBe('exited (1)');
    expect(within(rows[0]!).getByRole('button', { name: 'Stop web' })).toBeTruthy();
    expect(within(rows[1]!).getByRole('button', { name: 'Start job' })).toBeTruthy();
    expect(
      (within(rows[1]!).getByRole('button', { name: 'Terminal job' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(screen.getByText('2 containers · 1 running')).toBeTruthy();
  });

  it('searches and filters by state; stays small in the DOM with a thousand containers', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      containerSummary(i.toString(16).padStart(6, '0'), `app-${i}`, {
        created: i,
        state: i % 2 ? 'running' : 'exited',
      }),
    );
    renderApp(listHandlers({ list: many }), { page: 'containers' });
    const table = await screen.findByRole('table', { name: 'Containers' });
    expect(within(table).getAllByRole('row').length).toBeLessThan(40);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search containers' }), {
      target: { value: 'app-99' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'State filter' }), {
      target: { value: 'running' },
    });
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('button')[0]!.textContent);
    expect(names).toEqual(['app-999', 'app-997', 'app-995', 'app-993', 'app-991', 'app-99']);
    expect(screen.getByText('6 of 1000 shown')).toBeTruthy();
  });

  it('runs row actions and puts the answer in place', async () => {
    const store = { list: [web] };
    const { transport } = renderApp(
      { ...listHandlers(store), 'containers.stop': () => ({ ...web, State: 'exited' }) },
      { page: 'containers' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Stop web' }));
    expect(await screen.findByRole('button', { name: 'Start web' })).toBeTruthy();
    expect(transport.callsOf('containers.stop')).toEqual([{ container: web.Id }]);
    expect(transport.callsOf('containers.list')).toEqual([{ all: true }]);
  });

  it('starts, stops and deletes a selection, and reports what failed', async () => {
    const store = { list: [web, job] };
    const { transport } = renderApp(
      {
        ...listHandlers(store),
        'containers.remove': (input: { container: string }) => {
          if (input.container === web.Id) throw new Error('device or resource busy');
          return { id: input.container };
        },
      },
      { page: 'containers' },
    );
    await screen.findByRole('table', { name: 'Containers' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown containers' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete 2 containers?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      `Could not delete ${web.Id.slice(0, 12)}: device or resource busy`,
    );
    expect(transport.callsOf('containers.remove')).toEqual([
      { container: web.Id, force: true, volumes: true },
      { container: job.Id, force: true, volumes: true },
    ]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'job' })).toBeNull());
    expect(screen.getByRole('button', { name: 'web' })).toBeTruthy();
  });

  it('follows container events: one container re-read, a removed one dropped', async () => {
    const store = { list: [web] };
    const { transport } = renderApp(listHandlers(store), { page: 'containers' });
    await screen.findByRole('button', { name: 'web' });
    const events = transport.stream('events.stream')!;
    store.list = [web, job];
    act(() => events.push({ Type: 'container', Status: 'create', ID: job.Id, Time: '' }));
    expect(await screen.findByRole('button', { name: 'job' })).toBeTruthy();
    const before = transport.calls.length;
    act(() => events.push({ Type: 'container', Status: 'exec', ID: job.Id, Time: '' }));
    act(() => events.push({ Type: 'container', Status: 'remove', ID: web.Id, Time: '' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'web' })).toBeNull());
    expect(transport.calls.length).toBe(before);
    expect(transport.callsOf('containers.list')).toEqual([
      { all: true },
      { all: true, filters: [`id=${job.Id}`] },
    ]);
  });

  it('groups containers by pod under the pod’s name, linking to the pod', async () => {
    const pod = 'dd'.padEnd(64, '0');
    const inPod = (c: ContainerSummary, infra = false) => ({ ...c, Pod: pod, IsInfra: infra });
    const infra = inPod(containerSummary('cc', `${pod.slice(0, 12)}-infra`, { created: 100 }), true);
    const { transport } = renderApp(
      {
        ...listHandlers({ list: [web, inPod(job), infra] }),
        'pods.list': () => [podSummary('dd', 'batch-pod'), podSummary('ee', 'other-pod')],
        'pods.inspect': () => podInspect(podSummary('dd', 'batch-pod')),
      },
      { page: 'containers' },
    );
    const table = await screen.findByRole('table', { name: 'Containers' });
    expect(transport.callsOf('pods.list')).toEqual([]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by pod' }));
    await waitFor(() => expect(within(table).getByRole('button', { name: 'Pod batch-pod' })).toBeTruthy());
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'Pod batch-pod · 2 containers',
      expect.stringContaining('job'),
      expect.stringContaining('-infra (infra)'),
      'Not in a pod · 1 container',
      expect.stringContaining('web'),
    ]);
    fireEvent.click(within(table).getByRole('button', { name: 'Pod batch-pod' }));
    expect(useUiStore.getState().route).toEqual({ page: 'pods', podId: pod });
  });
});
