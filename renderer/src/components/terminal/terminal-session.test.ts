import { describe, expect, it } from 'vitest';
import { TERMINAL_DATA_LIMIT } from '../../../../engine/src/contract/terminal-io.js';
import { createEngineClient } from '../../api/engine-client.js';
import { FakeTransport } from '../../testing/fake-transport.js';
import { splitInput, TerminalSession, type SessionState, type TerminalSurface } from './terminal-session.js';

class FakeSurface implements TerminalSurface {
  cols = 100;
  rows = 30;
  written = '';
  private dataListeners: ((data: string) => void)[] = [];
  private resizeListeners: ((size: { cols: number; rows: number }) => void)[] = [];
  write(data: string) {
    this.written += data;
  }
  onData(listener: (data: string) => void) {
    this.dataListeners.push(listener);
    return { dispose: () => (this.dataListeners = this.dataListeners.filter((l) => l !== listener)) };
  }
  onResize(listener: (size: { cols: number; rows: number }) => void) {
    this.resizeListeners.push(listener);
    return { dispose: () => (this.resizeListeners = this.resizeListeners.filter((l) => l !== listener)) };
  }
  type(data: string) {
    for (const l of this.dataListeners) l(data);
  }
  resize(cols: number, rows: number) {
    this.cols = cols;
    this.rows = rows;
    for (const l of this.resizeListeners) l({ cols, rows });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const transport = new FakeTransport({}, ['containers.terminal', 'containers.attach']);
  const surface = new FakeSurface();
  const states: SessionState[] = [];
  const session = new TerminalSession(
    createEngineClient(transport),
    { stream: 'containers.terminal', input: { container: 'c1' } },
    surface,
    (s) => states.push(s),
  );
  return { transport, surface, states, session };
}

describe('TerminalSession', () => {
  it('opens at the terminal size, writes output, sends keystrokes and resizes', async () => {
    const { transport, surface, states, session } = setup();
    session.connect();
    const stream = transport.stream('containers.terminal')!;
    expect(stream.input).toEqual({ container: 'c1', cols: 100, rows: 30 });
    stream.push({ type: 'data', data: '/ # ' });
    await tick();
    expect(surface.written).toBe('/ # ');
    expect(states.at(-1)).toEqual({ status: 'open' });
    surface.type('echo hi\r');
    surface.resize(120, 40);
    expect(stream.sent).toEqual([
      { type: 'data', data: 'echo hi\r' },
      { type: 'resize', cols: 120, rows: 40 },
    ]);
    stream.push({ type: 'exit', code: 0 });
    await tick();
    expect(states.at(-1)).toEqual({ status: 'exited', code: 0 });
  });

  it('cancels the stream when closed, and sends nothing afterwards', async () => {
    const { transport, surface, session } = setup();
    session.connect();
    const stream = transport.stream('containers.terminal')!;
    stream.push({ type: 'data', data: '$ ' });
    await tick();
    session.close();
    expect(stream.cancelled).toBe(true);
    surface.type('x');
    expect(stream.sent).toEqual([]);
  });

  it('reconnects with a new session once a lost connection is back', async () => {
    const { transport, surface, states, session } = setup();
    session.connect();
    const first = transport.stream('containers.terminal')!;
    first.push({ type: 'data', data: '$ ' });
    await tick();
    transport.setStatus('disconnected');
    first.end({ message: 'the connection to the engine was lost', code: 'disconnected' });
    await tick();
    expect(states.at(-1)).toEqual({ status: 'disconnected' });
    transport.setStatus('connected');
    await tick();
    expect(transport.streams.filter((s) => s.name === 'containers.terminal')).toHaveLength(2);
    expect(surface.written).toContain('reconnected');
    session.close();
  });

  it('opens a machine shell with the machine as input', async () => {
    const transport = new FakeTransport({}, ['machines.terminal']);
    const surface = new FakeSurface();
    const session = new TerminalSession(
      createEngineClient(transport),
      { stream: 'machines.terminal', input: { machine: 'dev' } },
      surface,
      () => undefined,
    );
    session.connect();
    expect(transport.stream('machines.terminal')!.input).toEqual({ machine: 'dev', cols: 100, rows: 30 });
    session.close();
    expect(transport.stream('machines.terminal')!.cancelled).toBe(true);
  });

  it('reports a failure to open (the container is not running)', async () => {
    const { transport, states, session } = setup();
    session.connect();
    transport.stream('containers.terminal')!.end({ message: 'container web is exited', code: 'conflict' });
    await tick();
    expect(states.at(-1)).toEqual({ status: 'failed', message: 'container web is exited' });
  });
});

describe('splitInput', () => {
  it('cuts large pastes under the message limit without splitting characters', () => {
    const paste = '😀'.repeat(TERMINAL_DATA_LIMIT);
    const pieces = splitInput(paste);
    expect(pieces.join('')).toBe(paste);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(TERMINAL_DATA_LIMIT / 4);
      expect(piece.codePointAt(piece.length - 1)).not.toBe(0xd83d);
    }
    expect(splitInput('ls\r')).toEqual(['ls\r']);
  });
});
