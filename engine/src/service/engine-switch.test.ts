import { describe, expect, it, vi } from 'vitest';
import type { EngineTarget } from '../contract/connection-types.js';
import type { Engine } from '../contract/engine-contract.js';
import type { ServerMessage } from '../contract/wire-messages.js';
import { ContractDispatcher } from './contract-dispatcher.js';
import { createEngineSwitch, type OpenedEngine } from './engine-switch.js';

const label = (t: EngineTarget) => (t.kind === 'local' ? 'local' : t.kind === 'connection' ? t.name : t.url);
const settle = () => new Promise((r) => setTimeout(r, 20));

/** An engine that answers system.version with its name and streams events until stopped. */
function fakeEngine(name: string) {
  const probe = { eventsStopped: 0, eventsAborted: 0 };
  const close = vi.fn(async () => undefined);
  const engine = {
    'system.version': vi.fn(async () => ({ Version: name })),
    'events.stream': async function* (_input: unknown, { signal }: { signal: AbortSignal }) {
      signal.addEventListener('abort', () => probe.eventsAborted++);
      try {
        yield { Type: 'image', Status: 'pull', ID: `from-${name}` };
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      } finally {
        probe.eventsStopped++;
      }
    },
  } as unknown as Engine;
  const opened: OpenedEngine = { engine, location: name, close };
  return { opened, probe, close };
}

function setup(engines: Record<string, ReturnType<typeof fakeEngine> | Error>) {
  const open = vi.fn(async (target: EngineTarget) => {
    const found = engines[label(target)];
    if (!found) throw new Error(`no engine ${label(target)}`);
    if (found instanceof Error) throw found;
    return found.opened;
  });
  const connection = createEngineSwitch({ open, initial: { kind: 'local' }, label });
  const sent: ServerMessage[] = [];
  const dispatcher = new ContractDispatcher(connection.engine, (m) => sent.push(m));
  const version = async (id: number) => {
    await dispatcher.handle({ kind: 'call', id, method: 'system.version', input: {} });
    return sent.find((m) => m.id === id && m.kind === 'result');
  };
  return { connection, dispatcher, sent, open, version };
}

describe('engine switch', () => {
  it('routes calls to the new engine once a switch succeeds, and closes the old one', async () => {
    const local = fakeEngine('local');
    const svc = fakeEngine('svc');
    const { connection, version } = setup({ local, svc });
    await connection.connect();
    expect(await version(1)).toMatchObject({ ok: true, value: { Version: 'local' } });
    expect(connection.generation).toBe(1);
    const changes: string[] = [];
    connection.onChange(() => changes.push(`${connection.snapshot().label} ${connection.state}`));
    await connection.use({ kind: 'connection', name: 'svc' });
    expect(await version(2)).toMatchObject({ ok: true, value: { Version: 'svc' } });
    expect(local.close).toHaveBeenCalledOnce();
    expect(svc.close).not.toHaveBeenCalled();
    expect(connection.snapshot()).toEqual({
      target: { kind: 'connection', name: 'svc' },
      label: 'svc',
      status: 'connected',
      generation: 2,
    });
    expect(changes).toEqual(['svc connected']);
    // Using what is already in use opens nothing.
    await connection.use({ kind: 'connection', name: 'svc' });
    expect(connection.generation).toBe(2);
  });

  it('ends the streams open on the old engine with engine-changed, and stops them at the source', async () => {
    const local = fakeEngine('local');
    const svc = fakeEngine('svc');
    const { connection, dispatcher, sent } = setup({ local, svc });
    await connection.connect();
    await dispatcher.handle({ kind: 'open', id: 7, stream: 'events.stream', input: {}, window: 8 });
    await settle();
    expect(sent.filter((m) => m.id === 7)).toEqual([
      { kind: 'item', id: 7, value: { Type: 'image', Status: 'pull', ID: 'from-local' } },
    ]);
    await connection.use({ kind: 'connection', name: 'svc' });
    await settle();
    expect(sent.filter((m) => m.id === 7).at(-1)).toEqual({
      kind: 'end',
      id: 7,
      error: {
        message:
          'Berth Desktop now uses the engine "svc": this stream was on the engine "local"; open it again',
        code: 'engine-changed',
      },
    });
    expect(local.probe).toEqual({ eventsAborted: 1, eventsStopped: 1 });
    expect(dispatcher.openStreamCount).toBe(0);
    // A stream opened now is the new engine's, and stays open.
    await dispatcher.handle({ kind: 'open', id: 8, stream: 'events.stream', input: {}, window: 8 });
    await settle();
    expect(sent.filter((m) => m.id === 8)).toEqual([
      { kind: 'item', id: 8, value: { Type: 'image', Status: 'pull', ID: 'from-svc' } },
    ]);
    expect(dispatcher.openStreamCount).toBe(1);
    dispatcher.close();
  });

  it('leaves nothing on the engine behind once streams end: a hundred opened and closed, no listener warning', async () => {
    const local = fakeEngine('local');
    const { connection, dispatcher } = setup({ local });
    await connection.connect();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (let id = 1; id <= 100; id++) {
        await dispatcher.handle({ kind: 'open', id, stream: 'events.stream', input: {}, window: 8 });
        await dispatcher.handle({ kind: 'cancel', id });
      }
      await settle();
    } finally {
      process.off('warning', onWarning);
    }
    expect(local.probe).toEqual({ eventsAborted: 100, eventsStopped: 100 });
    // Node warns when more than 10 listeners pile up on one signal (the engine's "retired").
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(dispatcher.openStreamCount).toBe(0);
  });

  it('keeps the old engine, and its streams, when the new one cannot be opened', async () => {
    const local = fakeEngine('local');
    const { connection, dispatcher, sent, version } = setup({
      local,
      dead: new Error(
        'unable to connect to Berth socket: dial unix /run/x.sock: connect: connection refused',
      ),
    });
    await connection.connect();
    await dispatcher.handle({ kind: 'open', id: 3, stream: 'events.stream', input: {}, window: 8 });
    const changes = vi.fn();
    connection.onChange(changes);
    await expect(connection.use({ kind: 'connection', name: 'dead' })).rejects.toMatchObject({
      message:
        'could not switch to the engine "dead": unable to connect to Berth socket: dial unix /run/x.sock: connect: connection refused (still using the engine "local")',
      wireCode: 'engine',
    });
    expect(changes).not.toHaveBeenCalled();
    expect(connection.snapshot()).toMatchObject({
      target: { kind: 'local' },
      status: 'connected',
      generation: 1,
    });
    expect(await version(4)).toMatchObject({ ok: true, value: { Version: 'local' } });
    await settle();
    expect(sent.some((m) => m.id === 3 && m.kind === 'end')).toBe(false);
    expect(local.close).not.toHaveBeenCalled();
    dispatcher.close();
  });

  it('disconnect ends streams and refuses calls with a way out; connect reopens the chosen engine', async () => {
    const local = fakeEngine('local');
    const svc = fakeEngine('svc');
    const { connection, dispatcher, sent, version, open } = setup({ local, svc });
    await connection.use({ kind: 'connection', name: 'svc' });
    await dispatcher.handle({ kind: 'open', id: 5, stream: 'events.stream', input: {}, window: 8 });
    await connection.disconnect();
    await settle();
    expect(sent.filter((m) => m.id === 5).at(-1)).toMatchObject({
      kind: 'end',
      error: {
        code: 'engine-changed',
        message: expect.stringMatching(/^Berth Desktop disconnected from its engine/),
      },
    });
    expect(svc.close).toHaveBeenCalledOnce();
    expect(await version(6)).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/disconnected from its engine: choose Connect in the tray menu/),
      },
    });
    await connection.connect();
    expect(open.mock.calls.map(([t]) => label(t))).toEqual(['svc', 'svc']);
    expect(await version(7)).toMatchObject({ ok: true, value: { Version: 'svc' } });
    expect(connection.generation).toBe(2);
  });

  it('reports a failed connect and can try again', async () => {
    let attempt = 0;
    const connection = createEngineSwitch({
      initial: { kind: 'local' },
      label,
      open: async () => {
        attempt++;
        if (attempt === 1) throw new Error('unable to connect to Berth socket: no such file');
        return fakeEngine('local').opened;
      },
    });
    const states: string[] = [];
    connection.onChange(() => states.push(connection.state));
    await expect(connection.connect()).rejects.toThrow(/no such file/);
    expect(connection.lastError).toMatch(/no such file/);
    expect(connection.snapshot().lastError).toMatch(/no such file/);
    await connection.connect();
    expect(connection.lastError).toBeUndefined();
    expect(states).toEqual(['connecting', 'disconnected', 'connecting', 'connected']);
  });

  it('runs one transition at a time: connect twice opens once, a switch waits for a connect', async () => {
    const { connection, open } = setup({ local: fakeEngine('local'), svc: fakeEngine('svc') });
    await Promise.all([
      connection.connect(),
      connection.connect(),
      connection.use({ kind: 'connection', name: 'svc' }),
    ]);
    expect(open.mock.calls.map(([t]) => label(t))).toEqual(['local', 'svc']);
    expect(connection.location).toBe('svc');
  });
});
