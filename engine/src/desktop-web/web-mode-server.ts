// `berth desktop --web`: the desktop UI in a browser. Serves the built renderer and the engine
// contract over a WebSocket on 127.0.0.1 (calls also as `POST /call`), guarded by a random token
// (the URL's fragment carries it, so it never appears in request lines or logs); a connection or
// a call without it is refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../contract/engine-contract.js';
import type { ServerMessage } from '../contract/wire-messages.js';
import { ContractDispatcher, type DispatcherOptions } from '../service/contract-dispatcher.js';
import { CALL_PATH, SOCKET_PATH } from '../contract/web-mode-paths.js';
import { serveHttpCall } from './http-call.js';
import { serveStatic } from './static-files.js';

/** Untrusted messages are small; anything larger is refused before parsing. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface WebModeOptions {
  engine: Engine;
  rendererDir: string;
  port?: number;
  host?: string;
  token?: string;
  /** Options of each connection's dispatcher (tests serve a contract of their own). */
  dispatcher?: DispatcherOptions;
}

export interface WebModeServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebMode(options: WebModeOptions): Promise<WebModeServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const host = options.host ?? '127.0.0.1';
  // Calls over HTTP need no connection of their own: one dispatcher answers them (it holds no
  // state for calls; streams only go over the WebSocket).
  const callDispatcher = new ContractDispatcher(options.engine, () => undefined, options.dispatcher);
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && new URL(req.url ?? '/', 'http://localhost').pathname === CALL_PATH) {
      serveHttpCall(req, res, {
        authorized: (given) => tokenMatches(token, given ?? null),
        dispatcher: callDispatcher,
        maxBytes: MAX_MESSAGE_BYTES,
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(options.rendererDir, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SOCKET_PATH || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options.engine, options.dispatcher));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/**
 * A message as JSON; one that cannot be (an engine bug: a BigInt, a cycle) becomes the error of
 * its call or stream, instead of an exception that would end the server with every connection.
 */
function serialize(message: ServerMessage): string {
  try {
    return JSON.stringify(message);
  } catch (error) {
    const wire = { message: `the answer could not be sent: ${(error as Error).message}`, code: 'internal' };
    return JSON.stringify(
      message.kind === 'result'
        ? { kind: 'result', id: message.id, ok: false, error: wire }
        : { kind: 'end', id: message.id, error: wire },
    );
  }
}

function serveConnection(ws: WebSocket, engine: Engine, options: DispatcherOptions = {}): void {
  // Stream items are bounded by each stream's credit window, so the socket's buffer is too.
  const dispatcher = new ContractDispatcher(
    engine,
    (message) => {
      if (ws.readyState === ws.OPEN) ws.send(serialize(message));
    },
    options,
  );
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      ws.send(
        JSON.stringify({
          kind: 'result',
          id: -1,
          ok: false,
          error: { message: 'malformed message: not JSON', code: 'invalid-input' },
        }),
      );
      return;
    }
    void dispatcher.handle(parsed);
  });
  ws.on('close', () => dispatcher.close());
}
