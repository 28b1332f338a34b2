// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { volumeInspect } from '../../testing/container-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

describe('volume dialogs', () => {
  it('creates a volume and refuses invalid names', async () => {
    const { transport } = renderApp(
      { 'volumes.list': () => [], 'volumes.create': (input: { name: string }) => volumeInspect(input.name) },
      { page: 'volumes' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create volume' }));
    const dialog = screen.getByRole('dialog', { name: 'Create a volume' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Volume name' }), {
      target: { value: '../x' },
    });
    expect((within(dialog).getByRole('button', { name: 'Create' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Volume name' }), {
      target: { value: 'data' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('button', { name: 'data' })).toBeTruthy();
    expect(transport.callsOf('volumes.create')).toEqual([{ name: 'data' }]);
  });

  it('asks again before deleting a volume in use, then forces', async () => {
    const { transport } = renderApp(
      {
        'volumes.list': () => [volumeInspect('data')],
        'volumes.remove': (input: { force: boolean }) =>
          input.force
            ? { removed: ['data'], errors: [] }
            : { removed: [], errors: [{ message: 'volume data is being used by web', code: 'conflict' }] },
        'containers.list': () => [],
      },
      { page: 'volumes' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete data' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('alert')).textContent).toContain('being used by web');
    fireEvent.click(screen.getByRole('button', { name: 'Delete the volume and its containers' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'data' })).toBeNull());
    expect(transport.callsOf('volumes.remove')).toEqual([
      { volumes: ['data'], force: false },
      { volumes: ['data'], force: true },
    ]);
  });

  it('prunes (named volumes only when asked) and inspects', async () => {
    const { transport } = renderApp(
      {
        'volumes.list': () => [volumeInspect('data'), volumeInspect('anon', { anonymous: true })],
        'volumes.prune': () => ({ removed: ['anon'] }),
        'volumes.inspect': () => volumeInspect('data'),
      },
      { page: 'volumes' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Prune' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Prune' }));
    expect(await screen.findByText('Removed 1 volume.')).toBeTruthy();
    expect(transport.callsOf('volumes.prune')).toEqual([{ all: false }]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'anon' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: 'data' }));
    expect(JSON.parse((await screen.findByLabelText('Volume inspect JSON')).textContent!).Name).toBe('data');
  });
});
