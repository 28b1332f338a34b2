// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../api/engine-client.js';
import { EngineProvider } from '../../api/engine-context.js';
import { FakeTransport } from '../../testing/fake-transport.js';
import { ContainerDetailsLogs } from './ContainerDetailsLogs.js';

afterEach(cleanup);

const line = (text: string, n = 0) => ({
  stream: 'stdout' as const,
  time: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000000000Z`,
  text,
  complete: true,
});

function setup(running = true) {
  const transport = new FakeTransport({}, ['containers.logs']);
  const client = createEngineClient(transport);
  const view = (isRunning: boolean) => (
    <EngineProvider client={client}>
      <ContainerDetailsLogs containerId="c1" running={isRunning} />
    </EngineProvider>
  );
  const result = render(view(running));
  return { transport, rerender: (r: boolean) => result.rerender(view(r)), unmount: result.unmount };
}

const logText = () => screen.getByRole('log', { name: 'Container log' }).textContent;

describe('ContainerDetailsLogs', () => {
  it('reads the tail first and follows, in batches', async () => {
    const { transport } = setup();
    const stream = transport.stream('containers.logs')!;
    expect(stream.input).toEqual({ container: 'c1', tail: 1000, follow: true });
    act(() => {
      stream.push(line('hello-from-berth', 1));
      stream.push(line('second', 2));
    });
    await waitFor(() => expect(logText()).toContain('hello-from-berth'));
    expect(logText()).toContain('second');
    expect(screen.getByText('2 lines')).toBeTruthy();
  });

  it('pauses (new lines wait, counted) and follows again', async () => {
    const { transport } = setup();
    const stream = transport.stream('containers.logs')!;
    act(() => stream.push(line('before')));
    await waitFor(() => expect(logText()).toContain('before'));
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => stream.push(line('during')));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Follow (1 new)' })).toBeTruthy());
    expect(logText()).not.toContain('during');
    fireEvent.click(screen.getByRole('button', { name: 'Follow (1 new)' }));
    expect(logText()).toContain('during');
  });

  it('highlights search matches and counts them; shows timestamps on demand', async () => {
    const { transport } = setup();
    const stream = transport.stream('containers.logs')!;
    act(() => {
      stream.push(line('GET /index.html 200', 1));
      stream.push(line('GET /missing 404', 2));
      stream.push(line('POST /index.html 201', 3));
    });
    await waitFor(() => expect(logText()).toContain('POST'));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the log' }), {
      target: { value: 'index' },
    });
    expect(screen.getByText('1 of 2 matching lines')).toBeTruthy();
    const marks = screen.getByRole('log').querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['index', 'index']);
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search the log' }), { key: 'Enter' });
    expect(screen.getByText('2 of 2 matching lines')).toBeTruthy();
    expect(logText()).not.toContain('2026-01-01T00:00:01');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    expect(logText()).toContain('2026-01-01T00:00:01.000000000Z GET /index.html 200');
  });

  it('reads everything when asked, and stops reading when the view goes away', () => {
    const { transport, unmount } = setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Lines to read' }), { target: { value: '-1' } });
    expect(transport.streams.filter((s) => s.name === 'containers.logs').map((s) => s.input)).toEqual([
      { container: 'c1', tail: 1000, follow: true },
      { container: 'c1', tail: -1, follow: true },
    ]);
    expect(transport.streams[0]!.cancelled).toBe(true);
    unmount();
    expect(transport.streams[1]!.cancelled).toBe(true);
  });

  it('follows again after the last line when the container starts again', async () => {
    const { transport, rerender } = setup(true);
    const first = transport.stream('containers.logs')!;
    act(() => first.push(line('run one', 5)));
    act(() => first.end());
    await waitFor(() => expect(screen.getByText(/not following/)).toBeTruthy());
    rerender(false);
    rerender(true);
    await waitFor(() => expect(transport.streams).toHaveLength(2));
    const second = transport.stream('containers.logs')!;
    expect(second.input).toEqual({ container: 'c1', tail: -1, follow: true, since: line('', 5).time });
    act(() => {
      second.push(line('run one', 5));
      second.push(line('run two', 9));
    });
    await waitFor(() => expect(logText()).toContain('run two'));
    expect(logText()!.match(/run one/g)).toHaveLength(1);
  });
});
