// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { volumeInspect } from '../../testing/container-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

describe('VolumesList', () => {
  it('lists volumes with their use, searches them, and follows volume events', async () => {
    let volumes = [volumeInspect('data', { mountCount: 1 }), volumeInspect('cache')];
    const { transport } = renderApp(
      {
        'volumes.list': () => volumes,
        'volumes.inspect': (input: { volume: string }) => volumes.find((v) => v.Name === input.volume)!,
      },
      { page: 'volumes' },
    );
    const table = await screen.findByRole('table', { name: 'Volumes' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('1 mount')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search volumes' }), { target: { value: 'cac' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search volumes' }), { target: { value: '' } });
    volumes = [...volumes, volumeInspect('logs')];
    act(() =>
      transport.stream('events.stream')!.push({ Type: 'volume', Status: 'create', Name: 'logs', Time: '' }),
    );
    expect(await screen.findByRole('button', { name: 'logs' })).toBeTruthy();
    act(() =>
      transport.stream('events.stream')!.push({ Type: 'volume', Status: 'remove', Name: 'data', Time: '' }),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: 'data' })).toBeNull());
    expect(transport.callsOf('volumes.list')).toEqual([{}]);
  });

  it('lists the newest first, by time (Go drops trailing zeros of the fraction), then by name', async () => {
    const at = (name: string, CreatedAt: string) => ({ ...volumeInspect(name), CreatedAt });
    renderApp(
      {
        'volumes.list': () => [
          at('older', '2026-01-01T10:00:05.123Z'),
          at('newer', '2026-01-01T10:00:05.5Z'),
          at('b-same', '2026-01-01T09:00:00Z'),
          at('a-same', '2026-01-01T09:00:00Z'),
        ],
      },
      { page: 'volumes' },
    );
    const table = await screen.findByRole('table', { name: 'Volumes' });
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('button')[0]!.textContent);
    expect(names).toEqual(['newer', 'older', 'a-same', 'b-same']);
  });

  it('says what failed when the list cannot be read', async () => {
    renderApp(
      {
        'volumes.list': () => {
          throw new Error('database is locked');
        },
      },
      { page: 'volumes' },
    );
    expect((await screen.findByRole('alert')).textContent).toContain('database is locked');
  });
});
