// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineCallError } from '../../transport/transport.js';
import { engineState } from '../../testing/connection-fixtures.js';
import { machineFixture } from '../../testing/machine-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

function setup(use: (input: { name?: string }) => unknown) {
  const view = renderApp(
    {
      'machines.list': () => [machineFixture('dev', { status: 'running' }), machineFixture('spare')],
      'connections.use': use,
    },
    { page: 'machines' },
    ['events.stream', 'connections.watch'],
  );
  act(() => view.transport.stream('connections.watch')!.push(engineState('local', 1)));
  return view;
}

const rowOf = async (name: string) => {
  const table = await screen.findByRole('table', { name: 'Machines' });
  return within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByRole('button', { name }))!;
};

describe('Machines › Use as engine', () => {
  it("switches the app to a running machine's connection; a stopped one cannot be used", async () => {
    const { transport } = setup((input) => engineState(input.name!, 2));
    const spare = await rowOf('spare');
    expect(
      (within(spare).getByRole('button', { name: 'Use machine spare as engine' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    const dev = await rowOf('dev');
    fireEvent.click(within(dev).getByRole('button', { name: 'Use machine dev as engine' }));
    await waitFor(() => expect(transport.callsOf('connections.use')).toEqual([{ name: 'dev' }]));
    expect(
      await within(await rowOf('dev')).findByRole('button', { name: 'Machine dev is the engine in use' }),
    ).toBeTruthy();
    expect(screen.getByTestId('engine-in-use').textContent).toBe(' · dev');
    // The machines are the host's: their list is not read again for a switch of engines.
    expect(transport.callsOf('machines.list')).toHaveLength(1);
  });

  it('says why a machine could not be used', async () => {
    setup(() => {
      throw new EngineCallError('could not switch to the engine "dev": no answer in 10 s', 'engine');
    });
    fireEvent.click(within(await rowOf('dev')).getByRole('button', { name: 'Use machine dev as engine' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not use machine dev as the engine: could not switch to the engine "dev": no answer in 10 s',
    );
    expect(screen.getByTestId('engine-in-use').textContent).toBe(' · local');
  });
});
