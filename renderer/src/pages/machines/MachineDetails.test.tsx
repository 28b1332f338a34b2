// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { machineFixture } from '../../testing/machine-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const dev = machineFixture('dev', {
  status: 'running',
  sshPort: 40022,
  default: true,
  volumes: [
    { source: '/home/me', target: '/home/me' },
    { source: '/srv', target: '/data' },
  ],
});

describe('MachineDetails', () => {
  it('shows what the machine is and how its engine is reached', async () => {
    renderApp({ 'machines.list': () => [dev] }, { page: 'machines', machineName: 'dev' });
    const summary = await screen.findByTestId('machine-summary');
    expect(screen.getByRole('heading', { name: 'dev' })).toBeTruthy();
    expect(screen.getByTestId('machine-status').textContent).toBe('running');
    expect(summary.textContent).toContain('Currently running');
    expect(summary.textContent).toContain('/home/me, /srv → /data');
    expect(summary.textContent).toContain('dev (default)');
    expect(summary.textContent).toContain('40022');
    expect(summary.textContent).toContain('berth --connection dev ps');
    expect(summary.textContent).toContain(`DOCKER_HOST=unix://${dev.apiSocket} docker ps`);
    expect(screen.getByRole('button', { name: 'Stop machine dev' })).toBeTruthy();
  });

  it('offers no terminal on a stopped machine, and goes back to the list', async () => {
    const { transport } = renderApp(
      { 'machines.list': () => [machineFixture('dev')] },
      { page: 'machines', machineName: 'dev', tab: 'Terminal' },
      ['events.stream', 'machines.terminal'],
    );
    expect(await screen.findByText('Start the machine to open a terminal.')).toBeTruthy();
    expect(transport.stream('machines.terminal')).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: '← Machines' }));
    expect(await screen.findByRole('table', { name: 'Machines' })).toBeTruthy();
  });

  it('says when the machine is gone', async () => {
    renderApp({ 'machines.list': () => [] }, { page: 'machines', machineName: 'dev' });
    expect(await screen.findByText('This machine no longer exists.')).toBeTruthy();
  });
});
