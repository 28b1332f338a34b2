// Web mode's `POST /call` (a contract call as one HTTP request) against the real server, and the
// renderer's WebSocket transport using it for calls made before its socket is open.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { CALL_PATH, CALL_TOKEN_HEADER } from '../../engine/src/contract/web-mode-paths.js';
import { startWebMode, type WebModeServer } from '../../engine/src/desktop-web/web-mode-server.js';
import { createTestEngine, TEST_CONTRACT } from '../../engine/src/service/testing/stream-test-contract.js';
import type { TransportStatus } from '../../renderer/src/transport/transport.js';
import { WebSocketTransport } from '../../renderer/src/transport/websocket-transport.js';

const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));
let server: WebModeServer;
const transports: WebSocketTransport[] = [];
const realWebSocket = (globalThis as { WebSocket?: unknown }).WebSocket;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startWebMode({
    engine: createTestEngine().engine,
    rendererDir,
    dispatcher: { contract: TEST_CONTRACT },
  });
});

afterEach(() => {
  for (const t of transports.splice(0)) t.close();
  (globalThis as { WebSocket?: unknown }).WebSocket = realWebSocket;
  globalThis.fetch = realFetch;
});

afterAll(async () => {
  await server?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function post(body: string, token: string | null = server.token): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers[CALL_TOKEN_HEADER] = token;
  return fetch(`http://127.0.0.1:${server.port}${CALL_PATH}`, { method: 'POST', headers, body });
}

describe('POST /call', () => {
  it('answers a call with the outcome a result message carries', async () => {
    const response = await post(JSON.stringify({ method: 'test.echo', input: { text: 'hi' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true, value: { text: 'hi' } });
  });

  it('validates the input against the contract, as the socket does', async () => {
    const bad = await post(JSON.stringify({ method: 'test.echo', input: { text: 5 } }));
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: /input for test.echo: text/ },
    });
    const unknown = await post(JSON.stringify({ method: 'containers.nope', input: {} }));
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('refuses a request without the token, or with another, before reading it', async () => {
    const body = JSON.stringify({ method: 'test.echo', input: { text: 'hi' } });
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, 'f'.repeat(server.token.length))).status).toBe(401);
    expect((await post(body, 'short')).status).toBe(401);
  });

  it('refuses malformed and oversized bodies with a reason', async () => {
    const notJson = await post('{"method":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      ok: false,
      error: { message: 'malformed call: the body is not JSON' },
    });
    const extra = await post(JSON.stringify({ method: 'test.echo', input: {}, id: 3 }));
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: { message: 'malformed call: unknown field "id"' } });
    const noMethod = await post(JSON.stringify({ input: {} }));
    expect(noMethod.status).toBe(400);
    const huge = await post(
      JSON.stringify({ method: 'test.echo', input: { text: 'x'.repeat(2 * 1024 * 1024) } }),
    );
    expect(huge.status).toBe(413);
    // The server is still there for the next call.
    expect((await post(JSON.stringify({ method: 'test.echo', input: { text: 'after' } }))).status).toBe(200);
  });

  it('survives an answer JSON cannot carry (an engine bug), on HTTP and on the socket', async () => {
    const response = await post(JSON.stringify({ method: 'test.unserializable', input: {} }));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'internal', message: /the answer to test.unserializable could not be sent: .*BigInt/ },
    });
    (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
    const transport = connect();
    await new Promise<void>((resolve) => transport.onStatus((s) => s === 'connected' && resolve()));
    await expect(transport.call('test.unserializable', {})).rejects.toMatchObject({ code: 'internal' });
    await expect(transport.call('test.echo', { text: 'still here' })).resolves.toEqual({
      text: 'still here',
    });
    expect((await post(JSON.stringify({ method: 'test.echo', input: { text: 'and here' } }))).status).toBe(
      200,
    );
  });

  it('does not answer GET, which only serves files', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}${CALL_PATH}`);
    expect(response.status).toBe(404);
  });
});

/** A browser WebSocket that never finishes connecting. */
class NeverOpens {
  static readonly OPEN = 1;
  readonly readyState = 0;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: (() => void) | null = null;
  send(): void {
    throw new Error('not open');
  }
  close(): void {}
}

function connect(): WebSocketTransport {
  const transport = new WebSocketTransport(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
  transports.push(transport);
  return transport;
}

describe('the transport before its socket is open', () => {
  it('sends calls at once over HTTP, without waiting for the socket', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = NeverOpens;
    const transport = connect();
    await expect(transport.call('test.echo', { text: 'early' })).resolves.toEqual({ text: 'early' });
    await expect(transport.call('test.echo', { text: 7 })).rejects.toMatchObject({
      name: 'EngineCallError',
      code: 'invalid-input',
    });
  });

  it('sends a call whose request cannot reach the server over the socket once it opens', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
    let refused = 0;
    globalThis.fetch = () => {
      refused++;
      return Promise.reject(new TypeError('fetch failed'));
    };
    const transport = connect();
    const statuses: TransportStatus[] = [];
    transport.onStatus((s) => statuses.push(s));
    await expect(transport.call('test.echo', { text: 'later' })).resolves.toEqual({ text: 'later' });
    expect(refused).toBe(1);
    expect(statuses).toContain('connected');
  });

  it('fails a call the server refuses (another token), saying so', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = NeverOpens;
    const transport = new WebSocketTransport(`ws://127.0.0.1:${server.port}/rpc?token=${'0'.repeat(48)}`);
    transports.push(transport);
    await expect(transport.call('test.echo', { text: 'x' })).rejects.toMatchObject({
      message: 'the engine refused the call (HTTP 401)',
    });
  });

  it('fails a call whose answer broke off instead of sending it again', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = NeverOpens;
    globalThis.fetch = async () => new Response('{"ok":tr', { status: 200 });
    const transport = connect();
    await expect(transport.call('test.echo', { text: 'cut' })).rejects.toMatchObject({
      code: 'disconnected',
    });
  });
});
