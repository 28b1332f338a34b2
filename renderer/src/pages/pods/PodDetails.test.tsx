// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { podInspect, podSummary } from '../../testing/pod-network-fixtures.js';
import { renderApp } from '../../testing/render-app.js';
import { useUiStore } from '../../stores/ui-store.js';

afterEach(cleanup);

const web = podSummary('aa', 'web', {
  members: [
    { id: 'c1', name: 'web-app', state: 'running' },
    { id: 'c2', name: 'web-db', state: 'running' },
  ],
});
const handlers = {
  'pods.list': () => [web],
  'pods.inspect': () => podInspect(web),
};

describe('PodDetails', () => {
  it('shows the summary with its containers linking to their details, and inspect', async () => {
    renderApp(handlers, { page: 'pods', podId: web.Id }, ['events.stream', 'pods.logs']);
    const summary = await screen.findByTestId('pod-summary');
    expect(summary.textContent).toContain(web.Id);
    expect(summary.textContent).toContain('ipc, net, uts');
    const containers = within(summary).getByRole('table', { name: 'Pod containers' });
    expect(within(containers).getAllByRole('row')).toHaveLength(4);
    expect(containers.textContent).toContain('(infra)');
    fireEvent.click(screen.getByRole('tab', { name: 'Inspect' }));
    expect(JSON.parse(screen.getByLabelText('Pod inspect JSON').textContent!)).toMatchObject({ Name: 'web' });
    fireEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    fireEvent.click(await screen.findByRole('button', { name: 'web-db' }));
    expect(useUiStore.getState().route).toEqual({ page: 'containers', containerId: 'c2'.padEnd(64, '0') });
  });

  it('merges its containers’ logs with each container’s name before its lines, filterable', async () => {
    const { transport } = renderApp(handlers, { page: 'pods', podId: web.Id, tab: 'Logs' }, [
      'events.stream',
      'pods.logs',
    ]);
    await waitFor(() => expect(transport.stream('pods.logs')).toBeTruthy());
    const stream = transport.stream('pods.logs')!;
    expect(stream.input).toEqual({ pod: web.Id, tail: 1000, follow: true });
    const line = (id: string, name: string, text: string) => ({
      stream: 'stdout',
      time: '2023-11-14T22:13:20.5Z',
      text,
      complete: true,
      containerId: id.padEnd(64, '0'),
      containerName: name,
    });
    act(() => {
      stream.push(line('c1', 'web-app', 'listening on 80'));
      stream.push(line('c2', 'web-db', 'ready for connections'));
    });
    const log = screen.getByRole('log', { name: 'Pod log' });
    await waitFor(() => expect(log.textContent).toContain('web-db ready for connections'));
    expect(log.textContent).toContain('web-app listening on 80');
    expect(log.querySelector('.log-prefix-0')?.textContent).toBe('web-app ');
    expect(log.querySelector('.log-prefix-1')?.textContent).toBe('web-db ');
    fireEvent.change(screen.getByRole('combobox', { name: 'Container filter' }), {
      target: { value: 'c2'.padEnd(64, '0') },
    });
    await waitFor(() => expect(log.textContent).not.toContain('listening'));
    expect(screen.getByText('1 line')).toBeTruthy();
    act(() => stream.end());
    expect(await screen.findByText(/not following/)).toBeTruthy();
  });

  it('says when the pod is gone', async () => {
    renderApp(
      { 'pods.list': () => [], 'pods.inspect': () => podInspect(web) },
      { page: 'pods', podId: web.Id },
    );
    expect(await screen.findByText('This pod no longer exists.')).toBeTruthy();
  });
});
