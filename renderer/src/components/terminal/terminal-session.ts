// One terminal session over a duplex stream (a container's exec shell or its own TTY, a
// machine's SSH shell): keystrokes and pastes go in (split so no message exceeds the contract's
// limit), resizes go in, output is written to the terminal. A session whose connection dropped
// reconnects by itself once the transport is back; one whose shell exited can be restarted.
// Closing it cancels the stream, which ends the session at the source (an exec session and its
// conmon, an SSH connection).
import { TERMINAL_DATA_LIMIT, type TerminalOutput } from '../../../../engine/src/contract/terminal-io.js';
import type { EngineClient } from '../../api/engine-client.js';
import type { EngineStream } from '../../transport/engine-stream.js';

/** What a session needs of a terminal emulator (xterm.js's Terminal has all of it). */
export interface TerminalSurface {
  readonly cols: number;
  readonly rows: number;
  write(data: string): void;
  onData(listener: (data: string) => void): { dispose(): void };
  onResize(listener: (size: { cols: number; rows: number }) => void): { dispose(): void };
}

/** What a session opens: a terminal stream of the contract, and whom it is on. */
export type TerminalTarget =
  | { stream: 'containers.terminal' | 'containers.attach'; input: { container: string } }
  | { stream: 'machines.terminal'; input: { machine: string } };

export type SessionState =
  | { status: 'connecting' }
  | { status: 'open' }
  | { status: 'exited'; code: number }
  | { status: 'disconnected' }
  | { status: 'failed'; message: string }
  | { status: 'closed' };

/** Pastes are cut into pieces well under the contract's per-message limit (UTF-16 units). */
const CHUNK = Math.floor(TERMINAL_DATA_LIMIT / 4);

export function splitInput(data: string): string[] {
  if (data.length <= CHUNK) return [data];
  const pieces: string[] = [];
  for (let offset = 0; offset < data.length;) {
    let end = Math.min(offset + CHUNK, data.length);
    // Never split a surrogate pair.
    const code = data.charCodeAt(end - 1);
    if (end < data.length && code >= 0xd800 && code <= 0xdbff) end--;
    pieces.push(data.slice(offset, end));
    offset = end;
  }
  return pieces;
}

export class TerminalSession {
  private stream: EngineStream<TerminalOutput, unknown> | undefined;
  private readonly disposers: (() => void)[] = [];
  private stopWaitingForConnection: (() => void) | undefined;
  private closed = false;
  private state: SessionState = { status: 'connecting' };

  constructor(
    private readonly engine: EngineClient,
    private readonly target: TerminalTarget,
    private readonly surface: TerminalSurface,
    private readonly onState: (state: SessionState) => void,
  ) {
    const input = surface.onData((data) => {
      if (this.state.status !== 'open') return;
      for (const piece of splitInput(data)) this.stream?.send({ type: 'data', data: piece });
    });
    const resize = surface.onResize(({ cols, rows }) => this.stream?.send({ type: 'resize', cols, rows }));
    this.disposers.push(
      () => input.dispose(),
      () => resize.dispose(),
    );
  }

  get current(): SessionState {
    return this.state;
  }

  /** Opens (or re-opens) the session at the terminal's current size. */
  connect(): void {
    if (this.closed) return;
    this.stream?.cancel();
    this.setState({ status: 'connecting' });
    const size = { cols: this.surface.cols, rows: this.surface.rows };
    // The union of targets is beyond the typed client's one-name overloads; each target's input
    // matches its stream's schema (and the serving side checks it again).
    const stream = this.engine.stream(this.target.stream, {
      ...this.target.input,
      ...size,
    } as never) as EngineStream<TerminalOutput, unknown>;
    this.stream = stream;
    void this.pump(stream);
  }

  private async pump(stream: EngineStream<TerminalOutput, unknown>): Promise<void> {
    let opened = false;
    try {
      for await (const item of stream) {
        if (!opened) {
          opened = true;
          this.setState({ status: 'open' });
        }
        if (item.type === 'data') this.surface.write(item.data);
        else {
          this.setState({ status: 'exited', code: item.code });
          return;
        }
      }
      // Cancelled by us, or ended without an exit code (a detached attach).
      if (!this.closed && this.stream === stream) this.setState({ status: 'exited', code: 0 });
    } catch (error) {
      if (this.closed || this.stream !== stream) return;
      if ((error as { code?: string }).code === 'disconnected') {
        this.setState({ status: 'disconnected' });
        this.reconnectWhenBack();
      } else this.setState({ status: 'failed', message: (error as Error).message });
    }
  }

  /** The transport reconnects by itself; once it is back, so is the session (a new shell). */
  private reconnectWhenBack(): void {
    this.stopWaitingForConnection?.();
    let wasDown = false;
    const stop = this.engine.transport.onStatus((status) => {
      if (status !== 'connected') wasDown = true;
      else if (wasDown) {
        queueMicrotask(() => stop());
        this.stopWaitingForConnection = undefined;
        this.surface.write('\r\n\x1b[2m[reconnected: a new session]\x1b[0m\r\n');
        this.connect();
      }
    });
    this.stopWaitingForConnection = stop;
  }

  /** Ends the session for good: the engine ends it at the source (exec session, SSH connection). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopWaitingForConnection?.();
    this.stream?.cancel();
    for (const dispose of this.disposers) dispose();
    this.setState({ status: 'closed' });
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.onState(state);
  }
}
