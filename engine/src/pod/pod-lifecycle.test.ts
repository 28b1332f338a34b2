import { describe, expect, it } from 'vitest';
import type { ContainerRecord } from '../container/container-records.js';
import { podStatus } from './pod-lifecycle.js';

function withStatus(...statuses: string[]): ContainerRecord[] {
  return statuses.map((status) => ({ state: { status } }) as unknown as ContainerRecord);
}

describe('podStatus', () => {
  it("derives podman's pod states from the containers' (infra included)", () => {
    expect(podStatus([])).toBe('Created');
    expect(podStatus(withStatus('created', 'initialized'))).toBe('Created');
    expect(podStatus(withStatus('running', 'running'))).toBe('Running');
    expect(podStatus(withStatus('running', 'exited'))).toBe('Degraded');
    expect(podStatus(withStatus('paused', 'paused'))).toBe('Paused');
    expect(podStatus(withStatus('exited', 'exited'))).toBe('Exited');
    expect(podStatus(withStatus('exited', 'created'))).toBe('Stopped');
  });
});
