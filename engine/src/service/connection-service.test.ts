import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addConnection } from '../client/connection-edits.js';
import { readConnections } from '../client/connection-store.js';
import { readDesktopSettings } from '../client/desktop-settings.js';
import type { EngineConnectionState, EngineTarget } from '../contract/connection-types.js';
import { CALL_INPUTS, type ConnectionManager, type Engine } from '../contract/engine-contract.js';
import { createConnectionService } from './connection-service.js';
import { createEngineSwitch } from './engine-switch.js';

const label = (t: EngineTarget) => (t.kind === 'local' ? 'local' : t.kind === 'connection' ? t.name : t.url);

let dir: string;
let connectionsFile: string;
let settingsFile: string;
let listening: net.Server;
let liveSocket: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-connection-service-'));
  connectionsFile = path.join(dir, 'config', 'berth', 'connections.json');
  settingsFile = path.join(dir, 'config', 'berth', 'desktop.json');
  liveSocket = path.join(dir, 'live.sock');
  listening = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => listening.listen(liveSocket, resolve));
  addConnection({ name: 'svc', destination: `unix://${liveSocket}` }, connectionsFile);
  addConnection({ name: 'gone', destination: `unix://${path.join(dir, 'gone.sock')}` }, connectionsFile);
  addConnection(
    { name: 'far', destination: 'ssh://core@build.example/run/berth/berth.sock' },
    connectionsFile,
  );
});

afterEach(async () => {
  await new Promise((resolve) => listening.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const connection = createEngineSwitch({
    initial: { kind: 'local' },
    label,
    open: async (target) => {
      if (label(target) === 'gone') throw new Error('unable to connect to Berth socket: no such file');
      return { engine: {} as Engine, location: label(target), close: async () => undefined };
    },
  });
  const service = createConnectionService(connection, { connectionsFile, settingsFile });
  /** Calls as the dispatcher does: the input parsed by the contract first. */
  const call = <N extends keyof ConnectionManager & keyof typeof CALL_INPUTS>(name: N, input: unknown) =>
    (service[name] as (i: unknown) => Promise<unknown>)(CALL_INPUTS[name].parse(input));
  return { connection, service, call };
}

describe('connections service', () => {
  it('lists the local engine and every connection: default, in use, reachable when cheap to know', async () => {
    const { connection, call } = setup();
    await connection.connect();
    const report = (await call('connections.list', {})) as {
      choices: unknown[];
      current: EngineConnectionState;
    };
    expect(report.choices).toEqual([
      { kind: 'local', name: 'local', isDefault: false, inUse: true, reachable: true },
      {
        kind: 'connection',
        name: 'far',
        uri: 'ssh://core@build.example:22/run/berth/berth.sock',
        isDefault: false,
        inUse: false,
      },
      {
        kind: 'connection',
        name: 'gone',
        uri: `unix://${path.join(dir, 'gone.sock')}`,
        isDefault: false,
        inUse: false,
        reachable: false,
      },
      {
        kind: 'connection',
        name: 'svc',
        uri: `unix://${liveSocket}`,
        isDefault: true,
        inUse: false,
        reachable: true,
      },
    ]);
    expect(report.current).toMatchObject({ label: 'local', status: 'connected', generation: 1 });
  });

  it('switches, remembers the choice only once it worked, and refuses unknown names', async () => {
    const { connection, call } = setup();
    await connection.connect();
    expect(await call('connections.use', { name: 'svc' })).toMatchObject({ label: 'svc', generation: 2 });
    expect(readDesktopSettings(settingsFile)).toEqual({ engine: { kind: 'connection', name: 'svc' } });
    await expect(call('connections.use', { name: 'gone' })).rejects.toMatchObject({
      message: expect.stringMatching(
        /^could not switch to the engine "gone": .*no such file \(still using the engine "svc"\)$/,
      ),
    });
    expect(readDesktopSettings(settingsFile)).toEqual({ engine: { kind: 'connection', name: 'svc' } });
    await expect(call('connections.use', { name: 'nope' })).rejects.toMatchObject({
      message: 'connection "nope" not found: add it first (Settings, or berth system connection add)',
      wireCode: 'not-found',
    });
    await call('connections.use', { local: true });
    expect(connection.location).toBe('local');
    expect(readDesktopSettings(settingsFile)).toEqual({ engine: { kind: 'local' } });
    // The contract wants exactly one of the two.
    expect(CALL_INPUTS['connections.use'].safeParse({}).success).toBe(false);
    expect(CALL_INPUTS['connections.use'].safeParse({ name: 'svc', local: true }).success).toBe(false);
  });

  it('adds (refusing a taken name or a bad destination), sets the default and removes', async () => {
    const { connection, call } = setup();
    await connection.connect();
    const socket = path.join(dir, 'other.sock');
    expect(await call('connections.add', { name: 'other', destination: `unix://${socket}` })).toEqual({
      kind: 'connection',
      name: 'other',
      uri: `unix://${socket}`,
      isDefault: false,
      inUse: false,
      reachable: false,
    });
    await expect(
      call('connections.add', { name: 'svc', destination: `unix://${socket}` }),
    ).rejects.toMatchObject({
      message: `connection "svc" already exists (unix://${liveSocket}): remove it first or choose another name`,
      wireCode: 'invalid-input',
    });
    await expect(
      call('connections.add', { name: 'rel', destination: 'unix://run/x.sock' }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^invalid unix URI "unix:\/\/run\/x.sock": give an absolute socket path/,
      ),
      wireCode: 'invalid-input',
    });
    await expect(
      call('connections.add', { name: 'key', destination: `unix://${socket}`, identity: '/root/.ssh/id' }),
    ).rejects.toMatchObject({ message: 'an identity file is only for ssh:// destinations' });
    expect(CALL_INPUTS['connections.add'].safeParse({ name: 'x', destination: 'http://h/x' }).success).toBe(
      false,
    );

    await call('connections.setDefault', { name: 'other' });
    expect(readConnections(connectionsFile).Connection.Default).toBe('other');
    await call('connections.use', { name: 'svc' });
    await expect(call('connections.remove', { name: 'svc' })).rejects.toMatchObject({
      message:
        'connection "svc" is the engine Berth Desktop uses: switch to another engine first, then remove it',
      wireCode: 'conflict',
    });
    await call('connections.remove', { name: 'other' });
    expect(Object.keys(readConnections(connectionsFile).Connection.Connections)).toEqual([
      'svc',
      'gone',
      'far',
    ]);
    expect(readConnections(connectionsFile).Connection.Default).toBe('');
    await expect(call('connections.remove', { name: 'other' })).rejects.toMatchObject({
      wireCode: 'not-found',
    });
  });

  it('watch says which engine is in use, then each change, until cancelled', async () => {
    const { connection, service } = setup();
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      const stream = service['connections.watch']({}, { signal: controller.signal, incoming: [] as never });
      for await (const state of stream) seen.push(`${state.label} ${state.status} ${state.generation}`);
    })();
    await connection.connect();
    await connection.use({ kind: 'connection', name: 'svc' });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await watching;
    expect(seen).toEqual([
      'local disconnected 0',
      'local connecting 0',
      'local connected 1',
      'svc connected 2',
    ]);
    expect(existsSync(settingsFile)).toBe(false); // only `connections.use` remembers
    expect(readFileSync(connectionsFile, 'utf8')).toContain('"svc"');
  });
});
