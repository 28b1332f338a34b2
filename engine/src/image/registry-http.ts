// The HTTP transport of the registry client, on Node's own http and https modules: one
// keep-alive agent per scheme and per client, TLS options from registry-tls, timeouts for the
// connection, the answer's headers and an idle body. No redirects are followed here (the client
// follows them itself, so that credentials never go to another host).
// Node's http parser is native and loaded with Node: an npm HTTP client (undici) cost a 50 MB
// pull about 0.35 s of CPU more, in loading its code, compiling its WebAssembly parser and
// feeding every received chunk through it.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { RegistryTlsOptions } from './registry-tls.js';

const CONNECT_TIMEOUT_MS = 30_000;
/** Waiting for the answer's headers once the request is sent. */
const HEADERS_TIMEOUT_MS = 60_000;
/** Longest silence while a body streams. */
const BODY_TIMEOUT_MS = 120_000;

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH';

/** A response body: the byte stream, plus helpers to read it whole or discard it. */
export interface ResponseBody extends Readable {
  /** Reads and discards what is left, so that the connection can be reused. */
  dump(): Promise<void>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface HttpResponse {
  statusCode: number;
  /** Lower-case names; a header sent several times is joined with ", " (set-cookie: an array). */
  headers: IncomingHttpHeaders;
  body: ResponseBody;
}

export interface HttpRequestOptions {
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
}

export interface HttpTransportOptions {
  /** Accept any certificate (plain HTTP or self-signed registries the user trusts). */
  insecure: boolean;
  tls?: RegistryTlsOptions;
}

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

function asBody(res: IncomingMessage): ResponseBody {
  const body = res as IncomingMessage & ResponseBody;
  body.dump = async () => {
    if (res.readableEnded || res.destroyed) return;
    res.resume();
    await finished(res).catch(() => undefined);
  };
  body.text = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };
  body.json = async () => JSON.parse(await body.text()) as unknown;
  return body;
}

export class HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: HttpTransportOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      rejectUnauthorized: !options.insecure,
      // Nothing is verified when insecure, so no authority is needed: an empty list spares
      // building Node's whole root-certificate store (about 40 ms of CPU, before the first
      // byte of a pull from a plain-HTTP registry, whose https attempt comes first).
      ...(options.insecure ? { ca: [] } : {}),
      ...options.tls,
    });
  }

  /** Closes the idle connections; requests still running are cut. */
  close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    return Promise.resolve();
  }

  /** Sends one request; resolves with the answer once its headers have arrived. */
  request(target: URL | string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
    const url = typeof target === 'string' ? new URL(target) : target;
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:')
      return Promise.reject(new Error(`unsupported URL scheme ${url.protocol}`));
    return new Promise((resolve, reject) => {
      let response: IncomingMessage | undefined;
      const req = (secure ? https : http).request(url, {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      req.on('error', (error) => {
        // Once the answer has come, a failure belongs to its body's readers.
        if (response) response.destroy(error);
        else reject(error);
      });
      req.once('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => req.destroy(new TimeoutError(`connecting to ${url.host} timed out`)),
          CONNECT_TIMEOUT_MS,
        );
        const clear = () => clearTimeout(timer);
        socket.once('connect', clear);
        socket.once('close', clear);
      });
      // Socket inactivity: first while waiting for the answer, then while its body streams.
      req.setTimeout(HEADERS_TIMEOUT_MS);
      req.on('timeout', () => {
        const error = new TimeoutError(
          response
            ? `${url.host} stopped sending data for ${BODY_TIMEOUT_MS / 1000} s`
            : `${url.host} did not answer within ${HEADERS_TIMEOUT_MS / 1000} s`,
        );
        if (response) response.destroy(error);
        else req.destroy(error);
      });
      req.once('response', (res: IncomingMessage) => {
        response = res;
        req.setTimeout(BODY_TIMEOUT_MS);
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: asBody(res) });
      });
      const body = options.body;
      if (body === undefined) req.end();
      else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
      else
        pipeline(body, req, (error) => {
          if (error) req.destroy(error);
        });
    });
  }
}
