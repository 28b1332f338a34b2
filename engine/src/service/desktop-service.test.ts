import { describe, expect, it } from 'vitest';
import type { ConnectionManager, Engine, MachineManager } from '../contract/engine-contract.js';
import type { MachineSummary } from '../contract/machine-types.js';
import type { ServerMessage } from '../contract/wire-messages.js';
import { ContractDispatcher } from './contract-dispatcher.js';
import { desktopService } from './desktop-service.js';

const machine: MachineSummary = {
  name: 'dev',
  vmType: 'qemu',
  status: 'stopped',
  cpus: 2,
  memoryMiB: 2048,
  diskGiB: 20,
  created: '2024-05-01T10:00:00Z',
  default: false,
  apiSocket: '/run/berth/machine/dev/api.sock',
  image: '/images/berth',
  volumes: [],
  consoleLog: '/var/lib/berth/machine/machines/dev/console.log',
};

/** An engine that knows nothing of machines (as a RemoteEngine), and a host's manager. */
function setup() {
  const engineCalls: string[] = [];
  const engine = {
    'system.version': async () => {
      engineCalls.push('system.version');
      return { Client: { Version: 'remote' } };
    },
  } as unknown as Engine;
  const inits: unknown[] = [];
  const machines = {
    'machines.list': async () => [machine],
    'machines.init': async function* (input: unknown) {
      inits.push(input);
      yield { type: 'progress', message: 'Unpacking' };
      yield { type: 'done', machine };
    },
  } as unknown as MachineManager;
  const sent: ServerMessage[] = [];
  const connections = {
    'connections.setDefault': async ({ name }: { name: string }) => ({ name }),
  } as unknown as ConnectionManager;
  const dispatcher = new ContractDispatcher(desktopService(engine, { machines, connections }), (m) =>
    sent.push(m),
  );
  return { dispatcher, sent, engineCalls, inits };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('desktopService', () => {
  it('serves machines and connections from the host and everything else from the engine', async () => {
    const { dispatcher, sent, engineCalls } = setup();
    await dispatcher.handle({ kind: 'call', id: 1, method: 'machines.list', input: {} });
    await dispatcher.handle({ kind: 'call', id: 2, method: 'system.version', input: {} });
    expect(sent[0]).toEqual({ kind: 'result', id: 1, ok: true, value: [machine] });
    expect(sent[1]).toMatchObject({ id: 2, ok: true, value: { Client: { Version: 'remote' } } });
    expect(engineCalls).toEqual(['system.version']);
    // What the manager does not implement is refused, never sent to the engine.
    await dispatcher.handle({ kind: 'call', id: 3, method: 'machines.stop', input: { machine: 'dev' } });
    expect(sent[2]).toMatchObject({ id: 3, ok: false });
    expect(engineCalls).toEqual(['system.version']);
    // The choice of engine is the host's too.
    await dispatcher.handle({
      kind: 'call',
      id: 4,
      method: 'connections.setDefault',
      input: { name: 'svc' },
    });
    expect(sent[3]).toEqual({ kind: 'result', id: 4, ok: true, value: { name: 'svc' } });
    await dispatcher.handle({ kind: 'call', id: 5, method: 'connections.list', input: {} });
    expect(sent[4]).toMatchObject({ id: 5, ok: false });
    expect(engineCalls).toEqual(['system.version']);
  });

  it("streams init's progress, and refuses what the contract refuses before the manager sees it", async () => {
    const { dispatcher, sent, inits } = setup();
    await dispatcher.handle({
      kind: 'open',
      id: 1,
      stream: 'machines.init',
      input: { name: 'dev' },
      window: 8,
    });
    await settle();
    expect(sent.filter((m) => m.id === 1).map((m) => m.kind)).toEqual(['item', 'item', 'end']);
    expect(inits).toEqual([{ name: 'dev', cpus: 2, memoryMiB: 2048, diskGiB: 20, volumes: [] }]);
    await dispatcher.handle({
      kind: 'open',
      id: 2,
      stream: 'machines.init',
      input: { name: 'dev', memoryMiB: 100 },
      window: 8,
    });
    expect(sent.at(-1)).toEqual({
      kind: 'end',
      id: 2,
      error: {
        message: 'invalid input for machines.init: memoryMiB: use at least 256 MiB',
        code: 'invalid-input',
      },
    });
    expect(inits).toHaveLength(1);
  });
});
