// Web mode's transport: the contract over a WebSocket to `berth desktop --web`, authenticated by
// the token from the page URL's fragment. Reconnects with backoff; stream opens made while
// disconnected are sent once the connection is back. Calls made while the socket is not open go
// at once as HTTP requests to the same server (`POST /call`, same token and validation): the
// page's first reads then leave while its code is still rendering, instead of waiting for the
// socket's `open` event, which only runs once the main thread is free. A call whose request
// cannot reach the server waits for the socket. Calls and streams under way when the connection
// drops end with a `disconnected` error (their owners decide whether to try again).
import type { CallOutcome, ServerMessage } from '../../../engine/src/contract/wire-messages.js';
import { CALL_PATH, CALL_TOKEN_HEADER, SOCKET_PATH } from '../../../engine/src/contract/web-mode-paths.js';
import { CallTracker } from './call-tracker.js';
import {
  DISCONNECTED,
  EngineCallError,
  type StreamChannel,
  type StreamSink,
  type Transport,
  type TransportStatus,
} from './transport.js';

interface OpenStream {
  open: object;
  sink: StreamSink;
  /** Whether the open message went out on the current connection. */
  sent: boolean;
}

export class WebSocketTransport implements Transport {
  private socket: WebSocket | undefined;
  private readonly calls = new CallTracker();
  private readonly streams = new Map<number, OpenStream>();
  private nextStreamId = 1;
  private readonly statusListeners = new Set<(s: TransportStatus) => void>();
  private status: TransportStatus = 'connecting';
  private closed = false;
  private retryDelay = 250;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** Where calls go over HTTP while the socket is not open, and the token they carry. */
  private readonly callEndpoint: { url: string; token: string } | undefined;

  constructor(private readonly url: string) {
    this.callEndpoint = callEndpointOf(url);
    this.connect();
  }

  private setStatus(status: TransportStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.setStatus('connecting');
    socket.onopen = () => {
      this.retryDelay = 250;
      this.sendUnsentCalls();
      for (const stream of this.streams.values()) {
        socket.send(JSON.stringify(stream.open));
        stream.sent = true;
      }
      this.setStatus('connected');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      // What was under way on this connection is gone on the server: end it here too.
      this.calls.failSent(EngineCallError.from(DISCONNECTED));
      for (const [id, stream] of this.streams) {
        if (!stream.sent) continue;
        this.streams.delete(id);
        stream.sink.end(DISCONNECTED);
      }
      if (this.closed) return;
      this.setStatus('disconnected');
      this.retryTimer = setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 5000);
    };
  }

  private receive(data: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (message.kind === 'result') {
      this.calls.settle(message);
      return;
    }
    const stream = this.streams.get(message.id);
    if (!stream) return;
    if (message.kind === 'item') stream.sink.item(message.value);
    else if (message.kind === 'end') {
      this.streams.delete(message.id);
      stream.sink.end(message.error);
    }
  }

  /** Sends the calls that have gone nowhere yet, when the socket is open (they wait otherwise). */
  private sendUnsentCalls(): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    for (const message of this.calls.takeUnsent()) this.socket.send(JSON.stringify(message));
  }

  private sendNow(message: object): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  call(method: string, input: unknown): Promise<unknown> {
    const { id, message, result } = this.calls.start(method, input);
    if (this.sendNow(message)) this.calls.markSent(id);
    else if (this.callEndpoint && !this.closed) this.callOverHttp(id, method, input, this.callEndpoint);
    return result;
  }

  private callOverHttp(
    id: number,
    method: string,
    input: unknown,
    endpoint: { url: string; token: string },
  ): void {
    this.calls.markSent(id, 'http');
    fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALL_TOKEN_HEADER]: endpoint.token },
      body: JSON.stringify({ method, input }),
    }).then(
      async (response) => {
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          // No JSON: a refusal without a body (401), or an answer that broke off, in which case
          // the engine may have run the call, so it is not sent again.
          this.calls.fail(
            id,
            response.ok
              ? EngineCallError.from(DISCONNECTED)
              : new EngineCallError(`the engine refused the call (HTTP ${response.status})`, 'invalid-input'),
          );
          return;
        }
        const answer = (typeof body === 'object' && body !== null ? body : {}) as {
          ok?: unknown;
          error?: { message?: string; code?: string };
        };
        if (response.ok && typeof answer.ok === 'boolean') {
          this.calls.settle({ kind: 'result', id, ...(answer as CallOutcome) });
          return;
        }
        const message = answer.error?.message ?? `the engine refused the call (HTTP ${response.status})`;
        this.calls.fail(id, new EngineCallError(message, answer.error?.code ?? 'invalid-input'));
      },
      () => {
        // The request never reached the server (down, or restarting): wait for the socket.
        this.calls.markUnsent(id);
        this.sendUnsentCalls();
      },
    );
  }

  openStream(name: string, input: unknown, window: number, sink: StreamSink): StreamChannel {
    const id = this.nextStreamId++;
    const stream: OpenStream = { open: { kind: 'open', id, stream: name, input, window }, sink, sent: false };
    this.streams.set(id, stream);
    stream.sent = this.sendNow(stream.open);
    const live = () => this.streams.get(id) === stream && stream.sent;
    return {
      send: (value) => {
        if (live()) this.sendNow({ kind: 'send', id, value });
      },
      credit: (items) => {
        if (live()) this.sendNow({ kind: 'credit', id, items });
      },
      cancel: () => {
        if (this.streams.get(id) !== stream) return;
        this.streams.delete(id);
        if (stream.sent) this.sendNow({ kind: 'cancel', id });
      },
    };
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.calls.failAll(new EngineCallError('connection closed', 'disconnected'));
    for (const stream of this.streams.values()) stream.sink.end(DISCONNECTED);
    this.streams.clear();
  }
}

/** `POST /call` on the server of a web-mode socket URL (`ws://host/rpc?token=...`). */
function callEndpointOf(socketUrl: string): { url: string; token: string } | undefined {
  if (typeof fetch !== 'function') return undefined;
  const url = new URL(socketUrl);
  const token = url.searchParams.get('token');
  if (!token) return undefined;
  return { url: `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}${CALL_PATH}`, token };
}

/** The WebSocket URL of the server that served this page, with the token from `#token=`. */
export function webModeUrl(location: Location): string | undefined {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return undefined;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}
