// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../api/engine-client.js';
import { EngineProvider } from '../../api/engine-context.js';
import type { TerminalEmulator } from '../../components/terminal/TerminalView.js';
import { FakeTransport } from '../../testing/fake-transport.js';
import { MachineTerminal } from './MachineTerminal.js';

afterEach(cleanup);

class FakeEmulator implements TerminalEmulator {
  cols = 120;
  rows = 30;
  written = '';
  disposed = false;
  private data: ((d: string) => void)[] = [];
  private resizes: ((size: { cols: number; rows: number }) => void)[] = [];
  write(d: string) {
    this.written += d;
  }
  onData(l: (d: string) => void) {
    this.data.push(l);
    return { dispose: () => undefined };
  }
  onResize(l: (size: { cols: number; rows: number }) => void) {
    this.resizes.push(l);
    return { dispose: () => undefined };
  }
  open() {}
  fit() {}
  focus() {}
  dispose() {
    this.disposed = true;
  }
  type(d: string) {
    for (const l of this.data) l(d);
  }
  resize(cols: number, rows: number) {
    for (const l of this.resizes) l({ cols, rows });
  }
}

function setup() {
  const transport = new FakeTransport({}, ['machines.terminal']);
  const emulator = new FakeEmulator();
  const view = render(
    <EngineProvider client={createEngineClient(transport)}>
      <MachineTerminal name="dev" active createEmulator={() => emulator} />
    </EngineProvider>,
  );
  return { transport, emulator, unmount: view.unmount };
}

describe('MachineTerminal', () => {
  it('opens an SSH shell on the machine at the panel size and pipes both ways', async () => {
    const { transport, emulator } = setup();
    const stream = transport.stream('machines.terminal')!;
    expect(stream.input).toEqual({ machine: 'dev', cols: 120, rows: 30 });
    await act(async () => stream.push({ type: 'data', data: 'root@dev:~# ' }));
    expect(screen.getByRole('status', { name: 'Machine terminal status' }).textContent).toBe('Connected');
    expect(emulator.written).toBe('root@dev:~# ');
    emulator.type('echo hi\r');
    emulator.resize(100, 40);
    expect(stream.sent).toEqual([
      { type: 'data', data: 'echo hi\r' },
      { type: 'resize', cols: 100, rows: 40 },
    ]);
  });

  it('says why it could not open, and opens a new shell on demand', async () => {
    const { transport } = setup();
    await act(async () =>
      transport.stream('machines.terminal')!.end({
        message: 'machine dev is not running: start it with `berth machine start dev`',
        code: 'engine',
      }),
    );
    expect(screen.getByRole('status', { name: 'Machine terminal status' }).textContent).toBe(
      'Could not open the terminal: machine dev is not running: start it with `berth machine start dev`',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start a new shell' }));
    expect(transport.streams.filter((s) => s.name === 'machines.terminal')).toHaveLength(2);
  });

  it('hangs the session up when the view goes away', () => {
    const { transport, emulator, unmount } = setup();
    unmount();
    expect(transport.stream('machines.terminal')!.cancelled).toBe(true);
    expect(emulator.disposed).toBe(true);
  });
});
