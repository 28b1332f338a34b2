// HTTP to an engine's API service over a unix socket (node:http with socketPath): JSON calls,
// streamed responses, and hijacked connections (exec, attach). Failures become EngineErrors with
// the contract's codes (404 not-found, 409 conflict, 400 invalid-input) and say what failed on
// which socket, in podman's words for a socket that does not answer.
import http, { type IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { EngineError, type WireErrorCode } from '../service/engine-error.js';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  /** A JSON value (sent as application/json), or raw bytes/text with their content type. */
  json?: unknown;
  body?: Buffer | string;
  /** A body streamed as it is produced (a build context), sent chunked. */
  stream?: Readable;
  contentType?: string;
  headers?: http.OutgoingHttpHeaders;
  signal?: AbortSignal;
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const CODE_BY_STATUS: Record<number, WireErrorCode> = {
  400: 'invalid-input',
  404: 'not-found',
  409: 'conflict',
  413: 'overflow',
};

export function pathWithQuery(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The message of an API error body (`{"message"}` for Docker, `{"cause","message"}` for podman). */
function errorText(body: Buffer): string {
  const text = body.toString('utf8').trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: the text itself
  }
  return text;
}

export class ApiTransport {
  constructor(
    /** The unix socket of the service. */
    readonly socketPath: string,
    /** Prefixed to every path (e.g. a Docker API version). */
    readonly prefix = '',
  ) {}

  /** podman's wording for a service that cannot be reached, with what to do next. */
  connectError(error: NodeJS.ErrnoException): EngineError {
    const reason =
      error.code === 'ENOENT'
        ? 'no such file or directory'
        : error.code === 'ECONNREFUSED'
          ? 'connection refused'
          : error.code === 'EACCES'
            ? 'permission denied'
            : error.message;
    return new EngineError(
      `unable to connect to Berth socket: dial unix ${this.socketPath}: connect: ${reason}: is the API service running (berth system service)?`,
      'engine',
      { cause: error },
    );
  }

  /** The response head and its body as a stream; the caller reads or destroys it. */
  open(method: string, path: string, options: RequestOptions = {}): Promise<IncomingMessage> {
    const body = options.json !== undefined ? Buffer.from(JSON.stringify(options.json)) : options.body;
    const headers: http.OutgoingHttpHeaders = { ...options.headers };
    if (body !== undefined) {
      headers['Content-Type'] =
        options.json !== undefined ? 'application/json' : (options.contentType ?? 'application/octet-stream');
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.socketPath,
          method,
          path: this.prefix + pathWithQuery(path, options.query),
          headers,
          signal: options.signal,
        },
        resolve,
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.name === 'AbortError'
            ? error
            : error.syscall === 'connect'
              ? this.connectError(error)
              : error,
        ),
      );
      if (options.stream) {
        options.stream.once('error', (error) => req.destroy(error));
        options.stream.pipe(req);
      } else req.end(body);
    });
  }

  /** A request read whole; statuses of 400 and above throw with the service's message. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const res = await this.open(method, path, options);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const response = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
    if (response.status >= 400) throw this.failure(method, path, response.status, response.body);
    return response;
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(method, path, options);
    const text = response.body.toString('utf8');
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new EngineError(
        `${method} ${path} on ${this.socketPath}: the service answered something that is not JSON: ${(error as Error).message}`,
        'engine',
      );
    }
  }

  failure(method: string, path: string, status: number, body: Buffer): EngineError {
    const message = errorText(body) || `${method} ${path} failed with HTTP status ${status}`;
    return new EngineError(message, CODE_BY_STATUS[status] ?? 'engine');
  }

  /** Throws the service's error for a streamed response that did not start with 2xx. */
  async check(method: string, path: string, res: IncomingMessage): Promise<IncomingMessage> {
    if ((res.statusCode ?? 0) < 400) return res;
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    throw this.failure(method, path, res.statusCode ?? 0, Buffer.concat(chunks));
  }

  /** An `Upgrade: tcp` request (exec start, attach): resolves with the raw two-way connection. */
  hijack(method: string, path: string, options: RequestOptions = {}): Promise<Duplex> {
    const body = options.json !== undefined ? Buffer.from(JSON.stringify(options.json)) : undefined;
    return new Promise((resolve, reject) => {
      const req = http.request({
        socketPath: this.socketPath,
        method,
        path: this.prefix + pathWithQuery(path, options.query),
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'tcp',
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}),
        },
      });
      req.on('upgrade', (_res, socket, head) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (res) => {
        // A service that does not upgrade answers with an error, or not at all the way we need.
        void this.check(method, path, res).then(() => {
          res.destroy();
          reject(
            new EngineError(
              `${method} ${path} on ${this.socketPath}: the service did not upgrade the connection (HTTP ${res.statusCode}): it cannot stream a terminal`,
              'engine',
            ),
          );
        }, reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(error.syscall === 'connect' ? this.connectError(error) : error),
      );
      req.end(body);
    });
  }
}

/** The lines of a newline-delimited JSON response (events, pull progress), parsed. */
export async function* jsonLines<T>(res: IncomingMessage): AsyncGenerator<T> {
  let pending = '';
  for await (const chunk of res) {
    pending += (chunk as Buffer).toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
  if (pending.trim()) yield JSON.parse(pending) as T;
}
