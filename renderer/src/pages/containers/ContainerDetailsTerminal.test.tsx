// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../api/engine-client.js';
import { EngineProvider } from '../../api/engine-context.js';
import { FakeTransport } from '../../testing/fake-transport.js';
import type { TerminalEmulator } from '../../components/terminal/TerminalView.js';
import { ContainerDetailsTerminal } from './ContainerDetailsTerminal.js';

afterEach(cleanup);

class FakeEmulator implements TerminalEmulator {
  cols = 80;
  rows = 24;
  written = '';
  fits = 0;
  focused = 0;
  disposed = false;
  parent: HTMLElement | undefined;
  private data: ((d: string) => void)[] = [];
  write(d: string) {
    this.written += d;
  }
  onData(l: (d: string) => void) {
    this.data.push(l);
    return { dispose: () => undefined };
  }
  onResize() {
    return { dispose: () => undefined };
  }
  open(parent: HTMLElement) {
    this.parent = parent;
  }
  fit() {
    this.fits++;
  }
  focus() {
    this.focused++;
  }
  dispose() {
    this.disposed = true;
  }
  type(d: string) {
    for (const l of this.data) l(d);
  }
}

function setup(active = true) {
  const transport = new FakeTransport({}, ['containers.terminal', 'containers.attach']);
  const emulator = new FakeEmulator();
  const create = () => emulator;
  const client = createEngineClient(transport);
  const view = (isActive: boolean) => (
    <EngineProvider client={client}>
      <ContainerDetailsTerminal
        containerId="c1"
        streamName="containers.terminal"
        active={isActive}
        createEmulator={create}
      />
    </EngineProvider>
  );
  const result = render(view(active));
  return { transport, emulator, rerender: (a: boolean) => result.rerender(view(a)), unmount: result.unmount };
}

describe('ContainerDetailsTerminal', () => {
  it('opens a shell session in the panel and pipes both ways', async () => {
    const { transport, emulator } = setup();
    expect(emulator.parent).toBe(screen.getByRole('group', { name: 'Container terminal' }));
    const stream = transport.stream('containers.terminal')!;
    expect(stream.input).toEqual({ container: 'c1', cols: 80, rows: 24 });
    await act(async () => stream.push({ type: 'data', data: '/ # ' }));
    expect(screen.getByRole('status', { name: 'Container terminal status' }).textContent).toBe('Connected');
    expect(emulator.written).toBe('/ # ');
    emulator.type('echo hi\r');
    expect(stream.sent).toEqual([{ type: 'data', data: 'echo hi\r' }]);
  });

  it('keeps the session while hidden, fits and focuses when shown again', async () => {
    const { transport, emulator, rerender } = setup(true);
    const focusedBefore = emulator.focused;
    rerender(false);
    expect(transport.stream('containers.terminal')!.cancelled).toBe(false);
    rerender(true);
    expect(emulator.focused).toBe(focusedBefore + 1);
    expect(transport.streams).toHaveLength(1);
  });

  it('ends the session when the view goes away', () => {
    const { transport, emulator, unmount } = setup();
    unmount();
    expect(transport.stream('containers.terminal')!.cancelled).toBe(true);
    expect(emulator.disposed).toBe(true);
  });

  it('offers a new shell after the session ended', async () => {
    const { transport } = setup();
    await act(async () => transport.stream('containers.terminal')!.push({ type: 'exit', code: 130 }));
    expect(screen.getByRole('status', { name: 'Container terminal status' }).textContent).toBe(
      'Session ended (exit code 130)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start a new shell' }));
    expect(transport.streams.filter((s) => s.name === 'containers.terminal')).toHaveLength(2);
  });
});
