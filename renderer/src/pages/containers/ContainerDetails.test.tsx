// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { containerInspect, containerSummary } from '../../testing/container-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const web = containerSummary('aa', 'web');
const streams = ['events.stream', 'containers.logs', 'containers.stats', 'containers.terminal'];

describe('ContainerDetails', () => {
  it('shows the summary from inspect, and the other tabs on demand', async () => {
    const { transport } = renderApp(
      { 'containers.list': () => [web], 'containers.inspect': () => containerInspect(web) },
      { page: 'containers', containerId: web.Id },
      streams,
    );
    const summary = await screen.findByTestId('container-summary');
    expect(summary.textContent).toContain(web.Id);
    expect(summary.textContent).toContain('GREETING=hi');
    expect(summary.textContent).toContain('volume data → /data');
    expect(summary.textContent).toContain('always');
    fireEvent.click(screen.getByRole('tab', { name: 'Inspect' }));
    expect(JSON.parse(screen.getByLabelText('Container inspect JSON').textContent!).Id).toBe(web.Id);
    fireEvent.click(screen.getByRole('tab', { name: 'Logs' }));
    expect(transport.stream('containers.logs')!.input).toMatchObject({ container: web.Id });
    fireEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    expect(transport.stream('containers.logs')!.cancelled).toBe(true);
  });

  it('says so when the container is gone, and goes back to the list', async () => {
    renderApp(
      { 'containers.list': () => [], 'containers.inspect': () => containerInspect(web) },
      { page: 'containers', containerId: web.Id },
      streams,
    );
    expect(await screen.findByText('This container no longer exists.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '← Containers' }));
    expect(await screen.findByText('No containers yet.')).toBeTruthy();
  });

  it('offers no terminal for a stopped container', async () => {
    const stopped = containerSummary('bb', 'job', { state: 'exited' });
    const { transport } = renderApp(
      { 'containers.list': () => [stopped], 'containers.inspect': () => containerInspect(stopped) },
      { page: 'containers', containerId: stopped.Id, tab: 'Terminal' },
      streams,
    );
    expect(await screen.findByText('Start the container to open a terminal.')).toBeTruthy();
    expect(transport.stream('containers.terminal')).toBeUndefined();
  });
});
