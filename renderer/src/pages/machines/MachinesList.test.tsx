// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineSummary } from '../../../../engine/src/contract/machine-types.js';
import { machineFixture } from '../../testing/machine-fixtures.js';
import { renderApp } from '../../testing/render-app.js';
import { useTaskStore } from '../../stores/task-store.js';

afterEach(cleanup);

const STREAMS = ['events.stream', 'machines.start', 'machines.init'];

function setup(list: MachineSummary[], extra: Record<string, (input: never) => unknown> = {}) {
  const store = { list };
  const view = renderApp({ 'machines.list': () => store.list, ...extra }, { page: 'machines' }, STREAMS);
  return { ...view, store };
}

const rowOf = async (name: string) => {
  const table = await screen.findByRole('table', { name: 'Machines' });
  return within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByRole('button', { name }))!;
};

const taskNamed = (title: string) => useTaskStore.getState().tasks.find((t) => t.title === title);

describe('MachinesList', () => {
  it('lists machines with status, type, resources and connection, and the actions that fit', async () => {
    const { transport } = setup([
      machineFixture('dev', { status: 'running', default: true, sshPort: 40022, memoryMiB: 1536 }),
      machineFixture('spare', { connection: undefined, cpus: 1 }),
    ]);
    const dev = await rowOf('dev');
    expect(within(dev).getByTestId('machine-status').textContent).toBe('running');
    expect(dev.textContent).toContain('qemu');
    expect(dev.textContent).toContain('2 CPUs');
    expect(dev.textContent).toContain('1536 MiB');
    expect(dev.textContent).toContain('20 GiB');
    expect(within(dev).getByTestId('machine-connection').textContent).toBe('dev (default)');
    expect(within(dev).getByRole('button', { name: 'Stop machine dev' })).toBeTruthy();
    expect(
      (within(dev).getByRole('button', { name: 'Open terminal of machine dev' }) as HTMLButtonElement)
        .disabled,
    ).toBe(false);
    const spare = await rowOf('spare');
    expect(spare.textContent).toContain('1 CPU');
    expect(spare.textContent).toContain('2 GiB');
    expect(within(spare).getByTestId('machine-connection').textContent).toBe('none');
    expect(within(spare).getByRole('button', { name: 'Start machine spare' })).toBeTruthy();
    expect(
      (within(spare).getByRole('button', { name: 'Open terminal of machine spare' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    expect(screen.getByText('2 machines · 1 running')).toBeTruthy();
    // Read once when shown, and not again while nothing happens.
    expect(transport.callsOf('machines.list')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(transport.callsOf('machines.list')).toHaveLength(2));
  });

  it('is reached from the command palette, which also opens the create dialog', async () => {
    renderApp({ 'machines.list': () => [], 'system.info': () => new Promise(() => undefined) });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(palette).getByRole('combobox'), { target: { value: 'machine' } });
    expect(
      within(palette)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Go to MachinesPageAlt+7', 'Create machineAction']);
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'ArrowDown' });
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'Enter' });
    expect(await screen.findByRole('dialog', { name: 'Create a machine' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Machines');
  });

  it('offers to create the first machine when there is none', async () => {
    setup([]);
    expect(await screen.findByText('No machines yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create your first machine' }));
    expect(screen.getByRole('dialog', { name: 'Create a machine' })).toBeTruthy();
  });

  it('starts a machine as a task with its progress lines, and shows it running at the end', async () => {
    const { transport, store } = setup([machineFixture('dev')]);
    fireEvent.click(within(await rowOf('dev')).getByRole('button', { name: 'Start machine dev' }));
    const stream = transport.stream('machines.start')!;
    expect(stream.input).toEqual({ machine: 'dev' });
    expect(
      (within(await rowOf('dev')).getByRole('button', { name: 'Start machine dev' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    store.list = [machineFixture('dev', { status: 'starting' })];
    await act(async () => stream.push({ type: 'progress', message: 'Booting dev (2 CPUs, 2048 MiB)' }));
    await waitFor(() =>
      expect(taskNamed('Start machine dev')?.detail).toBe('Booting dev (2 CPUs, 2048 MiB)'),
    );
    await waitFor(async () =>
      expect(within(await rowOf('dev')).getByTestId('machine-status').textContent).toBe('starting'),
    );
    await act(async () => stream.push({ type: 'progress', message: 'Waiting for SSH on 127.0.0.1:40022' }));
    const running = machineFixture('dev', { status: 'running', sshPort: 40022 });
    store.list = [running];
    await act(async () => {
      stream.push({ type: 'done', machine: running });
      stream.end();
    });
    await waitFor(() => expect(taskNamed('Start machine dev')?.status).toBe('succeeded'));
    expect(taskNamed('Start machine dev')?.detail).toBe('Machine dev is running: connection dev');
    await waitFor(async () =>
      expect(within(await rowOf('dev')).getByTestId('machine-status').textContent).toBe('running'),
    );
    expect(within(await rowOf('dev')).getByRole('button', { name: 'Stop machine dev' })).toBeTruthy();
  });

  it('cancels a start from the task panel: the stream is cancelled and the task says the machine stopped', async () => {
    // The engine's stop answers once the cancelled start has stopped the VM; the list says so then.
    const stopped = machineFixture('dev');
    let stop = () => stopped;
    const { transport, store } = setup([machineFixture('dev')], { 'machines.stop': () => stop() });
    stop = () => {
      store.list = [stopped];
      return stopped;
    };
    fireEvent.click(within(await rowOf('dev')).getByRole('button', { name: 'Start machine dev' }));
    const stream = transport.stream('machines.start')!;
    store.list = [machineFixture('dev', { status: 'starting' })];
    await act(async () => stream.push({ type: 'progress', message: 'Booting dev (2 CPUs, 2048 MiB)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tasks (1 running)' }));
    const task = within(screen.getByRole('region', { name: 'Tasks' })).getByRole('listitem', {
      name: 'Start machine dev',
    });
    fireEvent.click(within(task).getByRole('button', { name: 'Cancel' }));
    expect(stream.cancelled).toBe(true);
    // The list is not read again before the engine has stopped the VM: a stop waits for that.
    await waitFor(() => expect(taskNamed('Start machine dev')?.status).toBe('cancelled'));
    expect(transport.callsOf('machines.stop')).toEqual([{ machine: 'dev' }]);
    expect(taskNamed('Start machine dev')?.detail).toBe('Start cancelled: the machine was stopped');
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(async () =>
      expect(within(await rowOf('dev')).getByTestId('machine-status').textContent).toBe('stopped'),
    );
    expect(within(await rowOf('dev')).getByRole('button', { name: 'Start machine dev' })).toBeTruthy();
  });

  it("shows a failed start's console lines above the list, the task failing with the first line", async () => {
    const { transport } = setup([machineFixture('broken')]);
    fireEvent.click(within(await rowOf('broken')).getByRole('button', { name: 'Start machine broken' }));
    const message =
      "machine broken did not start: QEMU exited while waiting for SSH answer. The console's last lines (full log: /x/console.log):\n" +
      '[    1.234] Kernel panic - not syncing: No working init found.\n[    1.235] ---[ end Kernel panic ]---';
    await act(async () => transport.stream('machines.start')!.end({ message, code: 'engine' }));
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('pre')!.textContent).toBe(message);
    expect(taskNamed('Start machine broken')).toMatchObject({
      status: 'failed',
      detail:
        "machine broken did not start: QEMU exited while waiting for SSH answer. The console's last lines (full log: /x/console.log):",
    });
    expect(within(await rowOf('broken')).getByTestId('machine-status').textContent).toBe('stopped');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stops and deletes through tasks, confirming the delete', async () => {
    const { transport, store } = setup([machineFixture('dev', { status: 'running' })], {
      'machines.stop': () => {
        store.list = [machineFixture('dev')];
        return store.list[0];
      },
      'machines.remove': (input: { machine: string }) => {
        store.list = [];
        return { name: input.machine };
      },
    });
    fireEvent.click(within(await rowOf('dev')).getByRole('button', { name: 'Stop machine dev' }));
    await waitFor(() => expect(taskNamed('Stop machine dev')?.status).toBe('succeeded'));
    expect(transport.callsOf('machines.stop')).toEqual([{ machine: 'dev' }]);
    await waitFor(async () =>
      expect(within(await rowOf('dev')).getByTestId('machine-status').textContent).toBe('stopped'),
    );
    fireEvent.click(within(await rowOf('dev')).getByRole('button', { name: 'Delete machine dev' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete machine dev?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(taskNamed('Delete machine dev')?.status).toBe('succeeded'));
    expect(transport.callsOf('machines.remove')).toEqual([{ machine: 'dev', force: false }]);
    expect(await screen.findByText('No machines yet.')).toBeTruthy();
  });
});
