// The contract's streams over the real web-mode server and the renderer's WebSocket transport
// (ws standing in for the browser's WebSocket): credit, cancellation at the source, duplex
// terminal input, failures, and a dropped connection.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { TerminalInput, TerminalOutput } from '../../engine/src/contract/terminal-io.js';
import { startWebMode, type WebModeServer } from '../../engine/src/desktop-web/web-mode-server.js';
import {
  createTestEngine,
  TEST_CONTRACT,
  type CounterProbe,
} from '../../engine/src/service/testing/stream-test-contract.js';
import { EngineStream } from '../../renderer/src/transport/engine-stream.js';
import type { TransportStatus } from '../../renderer/src/transport/transport.js';
import { WebSocketTransport } from '../../renderer/src/transport/websocket-transport.js';

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));
let server: WebModeServer;
let counters: CounterProbe[];
const transports: WebSocketTransport[] = [];

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
  const test = createTestEngine();
  counters = test.counters;
  server = await startWebMode({ engine: test.engine, rendererDir, dispatcher: { contract: TEST_CONTRACT } });
});

afterAll(async () => {
  for (const t of transports) t.close();
  await server?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function connect(token = server.token): WebSocketTransport {
  const transport = new WebSocketTransport(`ws://127.0.0.1:${server.port}/rpc?token=${token}`);
  transports.push(transport);
  return transport;
}

async function connected(transport: WebSocketTransport): Promise<void> {
  await new Promise<void>((resolve) => {
    const off = transport.onStatus((s: TransportStatus) => {
      if (s === 'connected') {
        queueMicrotask(() => off());
        resolve();
      }
    });
  });
}

describe('streams over web mode', () => {
  it('reads with credit and cancels at the source when the reader breaks', async () => {
    const transport = connect();
    const before = counters.length;
    // Made before the socket is up (it goes as an HTTP request meanwhile).
    const echoed = transport.call('test.echo', { text: 'early' });
    const stream = new EngineStream<number>(transport, 'test.count', { from: 100 }, { window: 8 });
    const seen: number[] = [];
    for await (const n of stream) {
      seen.push(n);
      if (seen.length === 50) break;
    }
    expect(seen[0]).toBe(100);
    expect(seen[49]).toBe(149);
    await settle();
    const probe = counters[before]!;
    expect(probe).toMatchObject({ aborted: true, stopped: true });
    expect(probe.produced).toBeLessThanOrEqual(50 + 8 + 1);
    await expect(echoed).resolves.toEqual({ text: 'early' });
  });

  it('a slow reader holds the source back instead of buffering', async () => {
    const transport = connect();
    await connected(transport);
    const before = counters.length;
    const stream = new EngineStream<number>(transport, 'test.count', { from: 0 }, { window: 4 });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await settle(100);
    // One item read, a window in flight, one waiting for credit: nothing more was produced.
    expect(counters[before]!.produced).toBeLessThanOrEqual(1 + 4 + 1);
    stream.cancel();
    await settle();
    expect(counters[before]!.stopped).toBe(true);
  });

  it('carries terminal input and resize into a duplex stream', async () => {
    const transport = connect();
    const shell = new EngineStream<TerminalOutput, TerminalInput>(transport, 'test.shell', {});
    await connected(transport);
    shell.send({ type: 'data', data: 'echo hi\n' });
    shell.send({ type: 'resize', cols: 80, rows: 24 });
    shell.send({ type: 'data', data: 'exit\n' });
    const out: TerminalOutput[] = [];
    for await (const item of shell) out.push(item);
    expect(out).toEqual([
      { type: 'data', data: 'ECHO HI\n' },
      { type: 'data', data: 'resized to 80x24\r\n' },
      { type: 'exit', code: 0 },
    ]);
  });

  it('ends open streams and calls with "disconnected" when the server goes, stopping them there too', async () => {
    const test = createTestEngine();
    const other = await startWebMode({
      engine: test.engine,
      rendererDir,
      dispatcher: { contract: TEST_CONTRACT },
    });
    const transport = new WebSocketTransport(`ws://127.0.0.1:${other.port}/rpc?token=${other.token}`);
    const stream = new EngineStream<number>(transport, 'test.count', { from: 0 }, { window: 2 });
    await connected(transport);
    await settle();
    const reading = (async () => {
      for await (const _ of stream) await settle(5);
    })();
    // A call under way may or may not have run: it fails rather than being sent again.
    const hanging = transport.call('test.hang', {}).catch((error: unknown) => error);
    await settle();
    await other.close();
    await expect(reading).rejects.toMatchObject({ code: 'disconnected' });
    await expect(hanging).resolves.toMatchObject({ code: 'disconnected' });
    await settle();
    expect(test.counters[0]).toMatchObject({ aborted: true, stopped: true });
    transport.close();
  });
});
