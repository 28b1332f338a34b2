// The contract over Electron IPC, end to end with electron mocked: the renderer's transport and
// stream reader, the real preload bridge, fake ipcRenderer/ipcMain that copy messages as
// Electron does, and main's binding with the real dispatcher.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ElectronTransport } from '../../renderer/src/transport/electron-transport.js';
import { EngineStream } from '../../renderer/src/transport/engine-stream.js';
import { EngineCallError } from '../../renderer/src/transport/transport.js';
import type { TerminalInput, TerminalOutput } from '../../engine/src/contract/terminal-io.js';
import { createTestEngine, TEST_CONTRACT } from '../../engine/src/service/testing/stream-test-contract.js';
import { createBerthBridge } from '../preload/berth-bridge.js';
import { bindContractToIpc, INVOKE_CHANNEL, STREAM_CHANNEL } from './contract-ipc.js';

const APP_URL = 'file:///app/index.html';
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

class FakeWebContents extends EventEmitter {
  destroyed = false;
  constructor(
    readonly id: number,
    private readonly toRenderer: EventEmitter,
  ) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, message: unknown) {
    setImmediate(() => this.toRenderer.emit(channel, {}, structuredClone(message)));
  }
}

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

const unbinds: (() => void)[] = [];
afterEach(() => unbinds.splice(0).forEach((u) => u()));

function setup(frameUrl = APP_URL) {
  const { engine, counters } = createTestEngine();
  const ipcMain = new FakeIpcMain();
  unbinds.push(
    bindContractToIpc(ipcMain as never, engine, (url) => url.startsWith('file:///app/'), {
      contract: TEST_CONTRACT,
    }),
  );
  const toRenderer = new EventEmitter();
  const contents = new FakeWebContents(1, toRenderer);
  const event = { sender: contents, senderFrame: { url: frameUrl } };
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) =>
      structuredClone(await ipcMain.handlers.get(channel)!(event, ...structuredClone(args))),
    send: (channel: string, message: unknown) =>
      setImmediate(() => ipcMain.emit(channel, event, structuredClone(message))),
    on: (channel: string, listener: (...args: unknown[]) => void) => toRenderer.on(channel, listener),
  };
  const transport = new ElectronTransport(createBerthBridge(ipcRenderer as never));
  return { transport, counters, contents, ipcMain };
}

describe('contract over Electron IPC (electron mocked)', () => {
  it('answers calls through invoke, with engine errors and their codes', async () => {
    const { transport } = setup();
    await expect(transport.call('test.echo', { text: 'hi' })).resolves.toEqual({ text: 'hi' });
    const error = await transport.call('test.echo', { text: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineCallError);
    expect(error).toMatchObject({ code: 'invalid-input' });
    await expect(transport.call('test.missing', {})).rejects.toMatchObject({ code: 'unknown-method' });
  });

  it('refuses malformed invoke requests', async () => {
    const { ipcMain, contents } = setup();
    const answer = await ipcMain.handlers.get(INVOKE_CHANNEL)!(
      { sender: contents, senderFrame: { url: APP_URL } },
      { method: 5 },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('streams with credit and cancels at the source when the reader stops', async () => {
    const { transport, counters } = setup();
    const stream = new EngineStream<number>(transport, 'test.count', { from: 1 }, { window: 4 });
    const seen: number[] = [];
    for await (const n of stream) {
      seen.push(n);
      if (n === 10) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await settle();
    expect(counters[0]).toMatchObject({ aborted: true, stopped: true });
    // Never more than a window ahead of the reader (plus the item waiting for credit).
    expect(counters[0]!.produced).toBeLessThanOrEqual(10 + 4 + 1);
  });

  it('cancels when the view aborts its signal', async () => {
    const { transport, counters } = setup();
    const view = new AbortController();
    const stream = new EngineStream<number>(transport, 'test.count', { from: 0 }, { signal: view.signal });
    const reading = (async () => {
      const seen: number[] = [];
      for await (const n of stream) seen.push(n);
      return seen;
    })();
    await settle();
    view.abort();
    const seen = await reading;
    expect(seen.length).toBeGreaterThan(0);
    await settle();
    expect(counters[0]).toMatchObject({ aborted: true, stopped: true });
  });

  it('carries a duplex terminal stream both ways', async () => {
    const { transport } = setup();
    const shell = new EngineStream<TerminalOutput, TerminalInput>(transport, 'test.shell', {});
    shell.send({ type: 'resize', cols: 100, rows: 30 });
    shell.send({ type: 'data', data: 'echo hi\n' });
    shell.send({ type: 'data', data: 'exit\n' });
    const out: TerminalOutput[] = [];
    for await (const item of shell) out.push(item);
    expect(out).toEqual([
      { type: 'data', data: 'resized to 100x30\r\n' },
      { type: 'data', data: 'ECHO HI\n' },
      { type: 'exit', code: 0 },
    ]);
  });

  it('delivers a stream failure as an error of the reader', async () => {
    const { transport } = setup();
    const stream = new EngineStream<number>(transport, 'test.fail', {});
    const seen: number[] = [];
    const error = await (async () => {
      for await (const n of stream) seen.push(n);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toMatchObject({ message: 'the log file was removed', code: 'not-found' });
  });

  it('stops a window’s streams when the window is destroyed', async () => {
    const { transport, counters, contents } = setup();
    const stream = new EngineStream<number>(transport, 'test.count', { from: 0 }, { window: 2 });
    await settle();
    contents.destroyed = true;
    contents.emit('destroyed');
    await settle();
    expect(counters[0]).toMatchObject({ aborted: true, stopped: true });
    stream.cancel();
  });

  it('ignores frames that are not the app', async () => {
    const { transport, counters } = setup('https://evil.example/');
    await expect(transport.call('test.echo', { text: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    const stream = new EngineStream<number>(transport, 'test.count', { from: 0 });
    await settle();
    expect(counters).toHaveLength(0);
    stream.cancel();
  });

  it('stops listening when unbound', () => {
    const { ipcMain } = setup();
    expect(ipcMain.listenerCount(STREAM_CHANNEL)).toBe(1);
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(true);
    unbinds.pop()!();
    expect(ipcMain.listenerCount(STREAM_CHANNEL)).toBe(0);
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(false);
  });
});
