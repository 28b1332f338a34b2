// What every route works with: the store (opened once for the service's life), the OCI runtime
// chosen on the command line, and the service's in-memory exec instances and attaches waiting for
// a start. Everything else lives in the store, so API clients and the CLI see the same state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Writable } from 'node:stream';
import type { Store } from '../state/store.js';
import type { ExecSessions } from './exec-sessions.js';
import type { PendingAttaches } from './pending-attaches.js';

export interface ApiContext {
  store: Store;
  /** --runtime of the service command; the host's default otherwise. */
  runtime?: string;
  execs: ExecSessions;
  attaches: PendingAttaches;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The API version the client asked for (the newest when unversioned). */
  version: string;
  ctx: ApiContext;
  /** Aborts when the client goes away: streams stop at the source. */
  signal: AbortSignal;
}

/**
 * A hijacked exchange (attach, exec start): after the response head the connection carries raw
 * streams. Docker clients ask for an upgrade (`Upgrade: tcp`) and then `input` is what they type;
 * a plain request gets the output only.
 */
export interface HijackExchange extends Omit<Exchange, 'res'> {
  /** The request body (exec start's JSON), read before the streams begin. */
  body: Buffer;
  /** Sends the response head: 101 for an upgrade, 200 otherwise. */
  begin(contentType: string): void;
  output: Writable;
  input: Readable | undefined;
  /** Ends the exchange (closes the connection of an upgrade). */
  finish(): void;
}

export interface Route {
  method: string;
  /** `/containers/{id}/json`; `{name*}` matches across slashes (image names). */
  path: string;
  handle?: (x: Exchange) => Promise<void>;
  hijack?: (x: HijackExchange) => Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendNoContent(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

/** A boolean query parameter as Docker reads them: 1/true/yes (any case) are true. */
export function queryFlag(query: URLSearchParams, name: string, fallback = false): boolean {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  return /^(1|true|yes)$/i.test(value);
}

export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) return undefined;
  return n;
}
