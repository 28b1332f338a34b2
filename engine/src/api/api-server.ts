// The Docker-compatible API service: node:http on a unix socket (or loopback TCP when asked),
// routing each request (and each `Upgrade: tcp` request) to its route. Errors never escape a
// request: they become the API's JSON error. The service is opt-in and exits after `idleSeconds`
// without a request in flight (0: runs until stopped), as `podman system service --time` does.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { ApiError, sendError } from './api-errors.js';
import type { ApiContext, Exchange, Route } from './api-context.js';
import { plainIo, rawError, upgradedIo, type HijackIo } from './hijack.js';
import type { ListenAddress } from './listen-address.js';
import { Router } from './router.js';
import { API_VERSION } from './api-version.js';

export interface ApiServerOptions {
  ctx: ApiContext;
  routes: readonly Route[];
  /** Seconds without a request in flight before the service stops by itself; 0 = never. */
  idleSeconds: number;
  /** Unix socket mode; 0o660 lets a group of trusted users in, the default 0o600 only the owner. */
  socketMode?: number;
}

export interface RunningApiServer {
  server: http.Server;
  /** Resolves when the service has stopped (idle timeout or close()). */
  closed: Promise<void>;
  close(): Promise<void>;
  /** The TCP port actually bound (useful with port 0). */
  port?: number;
}

function docHeaders(res: ServerResponse): void {
  res.setHeader('Api-Version', API_VERSION);
  res.setHeader('Server', `Berth (linux)`);
}

export async function startApiServer(
  address: ListenAddress,
  options: ApiServerOptions,
): Promise<RunningApiServer> {
  const router = new Router(options.routes);
  let inFlight = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let stop: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (stop = resolve));

  const armIdle = () => {
    if (options.idleSeconds <= 0 || inFlight > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void close(), options.idleSeconds * 1000);
  };
  const busy = () => {
    inFlight++;
    clearTimeout(idleTimer);
  };
  const done = () => {
    inFlight--;
    armIdle();
  };

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    busy();
    res.once('close', done);
    docHeaders(res);
    void handleRequest(router, options.ctx, req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    busy();
    socket.once('close', done);
    void handleUpgrade(router, options.ctx, req, socket, head);
  });
  // A client that sends garbage gets a 400 and the connection closed, never a crash.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const close = async () => {
    clearTimeout(idleTimer);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Streams (events, logs -f) would hold the close forever: end them.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    });
    if (address.kind === 'unix') rmSync(address.path, { force: true });
    stop();
  };

  if (address.kind === 'unix') {
    mkdirSync(path.dirname(address.path), { recursive: true });
    // A socket left by a service that did not stop cleanly would make listen fail.
    rmSync(address.path, { force: true });
    await listen(server, { path: address.path });
    chmodSync(address.path, options.socketMode ?? 0o600);
  } else {
    await listen(server, { host: address.host, port: address.port });
  }
  armIdle();
  const bound = server.address();
  return {
    server,
    closed,
    close,
    port: typeof bound === 'object' && bound ? bound.port : undefined,
  };
}

function listen(
  server: http.Server,
  where: { path: string } | { host: string; port: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function parseUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://berth');
}

async function handleRequest(
  router: Router,
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  try {
    const url = parseUrl(req);
    const match = router.match(req.method ?? 'GET', url.pathname);
    const base = { req, params: match.params, query: url.searchParams, version: match.version, ctx };
    if (match.route.handle) {
      const x: Exchange = { ...base, res, signal: controller.signal };
      await match.route.handle(x);
      return;
    }
    await runHijack(match.route, { ...base, signal: controller.signal }, await plainIo(req, res));
  } catch (error) {
    sendError(res, error);
  }
}

async function handleUpgrade(
  router: Router,
  ctx: ApiContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const controller = new AbortController();
  socket.once('close', () => controller.abort());
  socket.on('error', () => socket.destroy());
  try {
    const url = parseUrl(req);
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (!match.route.hijack)
      throw new ApiError(400, `${url.pathname} does not upgrade the connection: send it without Upgrade`);
    const io = await upgradedIo(req, socket, head);
    const base = { req, params: match.params, query: url.searchParams, version: match.version, ctx };
    await runHijack(match.route, { ...base, signal: controller.signal }, io);
  } catch (error) {
    if (!socket.destroyed) rawError(socket, error);
  }
}

async function runHijack(route: Route, base: Omit<Exchange, 'res'>, io: HijackIo): Promise<void> {
  try {
    await route.hijack!({
      ...base,
      body: io.body,
      begin: io.begin,
      output: io.output,
      input: io.input,
      finish: io.finish,
    });
  } catch (error) {
    io.fail(error);
  }
}
