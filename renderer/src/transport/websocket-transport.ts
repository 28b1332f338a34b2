// Web mode's transport: the contract over a WebSocket to `berth desktop --web`, authenticated by
// the token from the page URL's fragment. Reconnects with backoff; calls made while disconnected
// are sent once the connection is back.
import type { ServerMessage } from '../../../engine/src/contract/wire-messages.js';
import { CallTracker } from './call-tracker.js';
import { EngineCallError, type Transport, type TransportStatus } from './transport.js';

export class WebSocketTransport implements Transport {
  private socket: WebSocket | undefined;
  private readonly calls = new CallTracker();
  private readonly statusListeners = new Set<(s: TransportStatus) => void>();
  private status: TransportStatus = 'connecting';
  private closed = false;
  private retryDelay = 250;

  constructor(private readonly url: string) {
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
      this.setStatus('connected');
      for (const message of this.calls.unanswered()) socket.send(JSON.stringify(message));
    };
    socket.onmessage = (event) => this.calls.settle(JSON.parse(String(event.data)) as ServerMessage);
    socket.onclose = () => {
      if (this.closed) return;
      this.setStatus('disconnected');
      setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 5000);
    };
  }

  call(method: string, input: unknown): Promise<unknown> {
    const { message, result } = this.calls.start(method, input);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    return result;
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
    this.calls.failAll(new EngineCallError('connection closed', 'disconnected'));
  }
}

/** The WebSocket URL of the server that served this page, with the token from `#token=`. */
export function webModeUrl(location: Location): string | undefined {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return undefined;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
