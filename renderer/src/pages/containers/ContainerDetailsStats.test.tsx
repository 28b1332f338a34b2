// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerStatsSample } from '../../../../engine/src/contract/container-types.js';
import { createEngineClient } from '../../api/engine-client.js';
import { EngineProvider } from '../../api/engine-context.js';
import { FakeTransport } from '../../testing/fake-transport.js';
import { ContainerDetailsStats } from './ContainerDetailsStats.js';

afterEach(cleanup);

const sample = (cpuPercent: number, memUsage: number): ContainerStatsSample => ({
  id: 'c1',
  name: 'web',
  systemNano: 0,
  cpuPercent,
  avgCpuPercent: 1.5,
  memUsage,
  memLimit: 1_000_000_000,
  memPercent: (memUsage / 1_000_000_000) * 100,
  netInput: 1000,
  netOutput: 2000,
  blockInput: 0,
  blockOutput: 0,
  pids: 3,
});

function setup(running: boolean) {
  const transport = new FakeTransport({}, ['containers.stats']);
  const result = render(
    <EngineProvider client={createEngineClient(transport)}>
      <ContainerDetailsStats containerId="c1" running={running} />
    </EngineProvider>,
  );
  return { transport, ...result };
}

describe('ContainerDetailsStats', () => {
  it('shows live samples while open and stops the stream when closed', async () => {
    const { transport, unmount } = setup(true);
    const stream = transport.stream('containers.stats')!;
    expect(stream.input).toEqual({ container: 'c1', intervalMs: 2000 });
    await act(async () => stream.push(sample(12.345, 50_000_000)));
    expect(screen.getByTestId('stats-cpu').textContent).toContain('12.35%');
    expect(screen.getByTestId('stats-memory').textContent).toContain('50 MB');
    await act(async () => stream.push(sample(50, 60_000_000)));
    expect(screen.getByTestId('stats-cpu').textContent).toContain('50.00%');
    expect(
      screen
        .getByRole('img', { name: 'CPU over time' })
        .querySelector('polyline')!
        .getAttribute('points')!
        .split(' '),
    ).toHaveLength(2);
    unmount();
    expect(stream.cancelled).toBe(true);
  });

  it('opens no stream for a stopped container', () => {
    const { transport } = setup(false);
    expect(transport.streams).toHaveLength(0);
    expect(screen.getByText(/not running/)).toBeTruthy();
  });
});
