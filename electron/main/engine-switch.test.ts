import { describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../engine/src/contract/engine-contract.js';
import { createEngineSwitch } from './engine-switch.js';

function fakeEngine(version: string) {
  const close = vi.fn(async () => undefined);
  const engine = { 'system.version': vi.fn(async () => ({ version })) } as unknown as Engine;
  return { engine, location: 'local', close };
}

describe('engine switch (tray connect/disconnect)', () => {
  it('forwards to the connected engine and refuses with a way out while disconnected', async () => {
    const first = fakeEngine('1');
    const connection = createEngineSwitch(async () => first);
    const call = () =>
      (connection.engine as unknown as Record<string, () => Promise<unknown>>)['system.version']!();
    expect(() => call()).toThrow(/disconnected from its engine: choose Connect in the tray menu/);
    await connection.connect();
    expect(connection.state).toBe('connected');
    await expect(call()).resolves.toEqual({ version: '1' });
    await connection.disconnect();
    expect(first.close).toHaveBeenCalledOnce();
    expect(connection.state).toBe('disconnected');
    expect(() => call()).toThrow(/disconnected/);
  });

  it('reports a failed connect and can try again', async () => {
    let attempt = 0;
    const connection = createEngineSwitch(async () => {
      attempt++;
      if (attempt === 1) throw new Error('unable to connect to Berth socket: no such file');
      return fakeEngine('2');
    });
    const states: string[] = [];
    connection.onChange(() => states.push(connection.state));
    await expect(connection.connect()).rejects.toThrow(/no such file/);
    expect(connection.lastError).toMatch(/no such file/);
    await connection.connect();
    expect(connection.lastError).toBeUndefined();
    expect(states).toEqual(['connecting', 'disconnected', 'connecting', 'connected']);
  });

  it('runs one transition at a time: connect twice opens once', async () => {
    const open = vi.fn(async () => fakeEngine('3'));
    const connection = createEngineSwitch(open);
    await Promise.all([connection.connect(), connection.connect()]);
    expect(open).toHaveBeenCalledOnce();
  });
});
