// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../engine/src/contract/event-types.js';
import { imageSummary } from '../testing/image-fixtures.js';
import { renderApp } from '../testing/render-app.js';

afterEach(cleanup);

const event = (Status: string, ID: string): EngineEvent => ({
  Type: 'image',
  Status,
  ID,
  Time: '2026-01-01T00:00:00.000000000Z',
});

describe('live updates from engine events', () => {
  it('applies image events as changes: one image re-read or removed, never the whole list', async () => {
    const busybox = imageSummary('b0b0', ['localhost/busybox:latest']);
    const alpine = imageSummary('a1a1', ['localhost/alpine:3']);
    let store = [busybox];
    const { transport } = renderApp(
      {
        'images.list': (input: { filters?: string[] }) =>
          input.filters?.length ? store.filter((i) => input.filters!.includes(`id=${i.Id}`)) : store,
      },
      { page: 'images' },
    );
    await screen.findByRole('button', { name: 'localhost/busybox:latest' });
    const events = transport.stream('events.stream')!;
    expect(events.input).toMatchObject({ follow: true });
    // Pulled elsewhere (the CLI): appears.
    store = [busybox, alpine];
    act(() => events.push(event('pull', alpine.Id)));
    expect(await screen.findByRole('button', { name: 'localhost/alpine:3' })).toBeTruthy();
    // Removed elsewhere: disappears without a call.
    const callsBefore = transport.calls.length;
    store = [alpine];
    act(() => events.push(event('remove', busybox.Id)));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'localhost/busybox:latest' })).toBeNull(),
    );
    expect(transport.calls.length).toBe(callsBefore);
    expect(transport.callsOf('images.list')).toEqual([{}, { filters: [`id=${alpine.Id}`] }]);
  });

  it('after a lost connection, follows again once it is back and re-reads the list once', async () => {
    const { transport } = renderApp({ 'images.list': () => [] }, { page: 'images' });
    await screen.findByText('No images yet.');
    const first = transport.stream('events.stream')!;
    act(() => {
      transport.setStatus('disconnected');
      first.end({ message: 'the connection to the engine was lost', code: 'disconnected' });
    });
    await act(() => Promise.resolve());
    expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(1);
    act(() => transport.setStatus('connected'));
    await waitFor(() => expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(2));
    await waitFor(() => expect(transport.callsOf('images.list')).toEqual([{}, {}]));
  });

  it('follows events from when the app started reading, and from the reconnect after a drop', async () => {
    const started = '2026-01-01T00:00:00.000Z';
    const { transport } = renderApp({ 'images.list': () => [] }, { page: 'images' }, undefined, started);
    await screen.findByText('No images yet.');
    const first = transport.stream('events.stream')!;
    expect(first.input).toEqual({ follow: true, since: started });
    act(() => {
      transport.setStatus('disconnected');
      first.end({ message: 'the connection to the engine was lost', code: 'disconnected' });
    });
    await act(() => Promise.resolve());
    act(() => transport.setStatus('connected'));
    await waitFor(() => expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(2));
    const second = transport.stream('events.stream')!.input as { since: string };
    expect(second.since > started).toBe(true);
  });

  it('stops quietly when the engine has no event stream', async () => {
    const { transport } = renderApp({ 'images.list': () => [] }, { page: 'images' });
    await screen.findByText('No images yet.');
    act(() => transport.stream('events.stream')!.end({ message: 'unknown stream', code: 'unknown-method' }));
    act(() => {
      transport.setStatus('disconnected');
      transport.setStatus('connected');
    });
    await act(() => Promise.resolve());
    expect(transport.streams.filter((s) => s.name === 'events.stream')).toHaveLength(1);
  });

  it('closes the event stream when the app goes away', async () => {
    const { transport, unmount } = renderApp({ 'images.list': () => [] }, { page: 'images' });
    await screen.findByText('No images yet.');
    unmount();
    expect(transport.stream('events.stream')!.cancelled).toBe(true);
  });
});
