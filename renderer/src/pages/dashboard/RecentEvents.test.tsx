// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../api/engine-client.js';
import { EngineProvider } from '../../api/engine-context.js';
import { applyEngineEvent } from '../../api/live-updates.js';
import { QueryClient } from '@tanstack/react-query';
import { RECENT_EVENTS_KEPT, useRecentEventsStore } from '../../stores/recent-events-store.js';
import { FakeTransport } from '../../testing/fake-transport.js';
import { RecentEvents } from './RecentEvents.js';

afterEach(cleanup);
beforeEach(() => useRecentEventsStore.setState({ events: [], historyRead: false }));

const at = (second: number) => `2023-11-14T22:13:${String(second).padStart(2, '0')}.000000001Z`;

function renderPanel() {
  const transport = new FakeTransport({}, ['events.stream']);
  const client = createEngineClient(transport);
  render(
    <EngineProvider client={client}>
      <RecentEvents />
    </EngineProvider>,
  );
  return { transport, client };
}

describe('RecentEvents', () => {
  it('reads the last hour once, then shows live events newest first without repeating one', async () => {
    const { transport, client } = renderPanel();
    expect(screen.getByText('Reading events…')).toBeTruthy();
    const history = transport.stream('events.stream')!;
    expect(history.input).toMatchObject({ follow: false });
    const created = { Type: 'pod', Status: 'create', ID: 'p1', Name: 'shop', Time: at(1) } as const;
    // A live event that the history read also returns: shown once.
    act(() => applyEngineEvent(new QueryClient(), client, created));
    act(() => {
      history.push({ Type: 'image', Status: 'pull', ID: 'sha256:abc', Name: 'busybox', Time: at(0) });
      history.push(created);
      history.end();
    });
    const table = await screen.findByRole('table', { name: 'Recent events' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    act(() =>
      applyEngineEvent(new QueryClient(), client, {
        Type: 'network',
        Status: 'connect',
        ID: 'c'.repeat(64),
        Network: 'front',
        Time: at(2),
      }),
    );
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      expect.stringContaining(`networkconnectfront ← ${'c'.repeat(12)}`),
      expect.stringContaining('podcreateshop'),
      expect.stringContaining('imagepullbusybox'),
    ]);
    cleanup();
    renderPanel();
    // Read once per app run: a second showing opens no stream.
    expect(screen.getAllByRole('row')).toHaveLength(4);
  });

  it('keeps only the latest events', () => {
    for (let i = 0; i < RECENT_EVENTS_KEPT + 5; i++)
      useRecentEventsStore
        .getState()
        .add({ Type: 'container', Status: 'start', ID: `c${i}`, Time: at(i % 60) });
    const events = useRecentEventsStore.getState().events;
    expect(events).toHaveLength(RECENT_EVENTS_KEPT);
    expect(events.at(-1)!.ID).toBe(`c${RECENT_EVENTS_KEPT + 4}`);
  });
});
