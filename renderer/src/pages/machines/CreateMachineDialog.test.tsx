// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineSummary } from '../../../../engine/src/contract/machine-types.js';
import { useTaskStore } from '../../stores/task-store.js';
import { machineFixture } from '../../testing/machine-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

function setup(list: MachineSummary[] = []) {
  const store = { list };
  const view = renderApp({ 'machines.list': () => store.list }, { page: 'machines' }, [
    'events.stream',
    'machines.init',
    'machines.start',
  ]);
  return { ...view, store };
}

async function openDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Create machine' }));
  return screen.getByRole('dialog', { name: 'Create a machine' });
}

const field = (dialog: HTMLElement, name: string) => within(dialog).getByRole('textbox', { name });
const taskNamed = (title: string) => useTaskStore.getState().tasks.find((t) => t.title === title);

describe('CreateMachineDialog', () => {
  it('refuses what the contract refuses, with its messages, and a name that is taken', async () => {
    const { transport } = setup([machineFixture('dev')]);
    const dialog = await openDialog();
    fireEvent.change(field(dialog, 'Machine name'), { target: { value: 'dev' } });
    fireEvent.change(field(dialog, 'CPUs'), { target: { value: '0' } });
    fireEvent.change(field(dialog, 'Memory (MiB)'), { target: { value: '100' } });
    fireEvent.change(field(dialog, 'Disk (GiB)'), { target: { value: 'lots' } });
    fireEvent.change(field(dialog, 'Machine image'), { target: { value: 'relative/image' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add shared folder' }));
    fireEvent.change(field(dialog, 'Shared folders 1'), { target: { value: 'home:/home' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('a machine named dev already exists: choose another name')).toBeTruthy();
    expect(within(dialog).getByText('use at least 1 CPU')).toBeTruthy();
    expect(within(dialog).getByText('use at least 256 MiB')).toBeTruthy();
    expect(within(dialog).getByText('use a whole number')).toBeTruthy();
    expect(within(dialog).getByText(/use an absolute path to a machine image/)).toBeTruthy();
    expect(within(dialog).getByText('use an absolute HOST-PATH[:GUEST-PATH]')).toBeTruthy();
    fireEvent.change(field(dialog, 'Machine name'), { target: { value: 'bad name' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText(/use letters, digits/)).toBeTruthy();
    expect(transport.stream('machines.init')).toBeUndefined();
  });

  it('creates from the form as a task with progress, then starts it when asked', async () => {
    const { transport, store } = setup();
    const dialog = await openDialog();
    fireEvent.change(field(dialog, 'Machine name'), { target: { value: 'dev' } });
    fireEvent.change(field(dialog, 'CPUs'), { target: { value: '1' } });
    fireEvent.change(field(dialog, 'Memory (MiB)'), { target: { value: '1536' } });
    fireEvent.change(field(dialog, 'Machine image'), { target: { value: '/images/berth' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add shared folder' }));
    fireEvent.change(field(dialog, 'Shared folders 1'), { target: { value: '/home/me:/mnt/me' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Start the machine once it is created' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Tasks (1 running)' })).toBeTruthy();
    const init = transport.stream('machines.init')!;
    expect(init.input).toEqual({
      name: 'dev',
      cpus: 1,
      memoryMiB: 1536,
      diskGiB: 20,
      image: '/images/berth',
      volumes: ['/home/me:/mnt/me'],
    });
    await act(async () => init.push({ type: 'progress', message: 'Unpacking /images/berth' }));
    await waitFor(() => expect(taskNamed('Create machine dev')?.detail).toBe('Unpacking /images/berth'));
    const created = machineFixture('dev', { cpus: 1, memoryMiB: 1536 });
    store.list = [created];
    await act(async () => {
      init.push({ type: 'done', machine: created });
      init.end();
    });
    await waitFor(() => expect(taskNamed('Create machine dev')?.status).toBe('succeeded'));
    await waitFor(() => expect(transport.stream('machines.start')?.input).toEqual({ machine: 'dev' }));
    expect(taskNamed('Start machine dev')?.status).toBe('running');
  });

  it('sends an empty image as none (the newest built image) and fills the default name', async () => {
    const { transport } = setup();
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(transport.stream('machines.init')!.input).toEqual({
      name: 'berth-machine-default',
      cpus: 2,
      memoryMiB: 2048,
      diskGiB: 20,
      volumes: [],
    });
    await act(async () =>
      transport.stream('machines.init')!.end({
        message:
          'no machine image: build one with build/machine-image/build-image.sh (as root), or give the path or URL of one',
        code: 'invalid-input',
      }),
    );
    await waitFor(() => expect(taskNamed('Create machine berth-machine-default')?.status).toBe('failed'));
    expect((await screen.findByRole('alert')).textContent).toContain('no machine image: build one');
    expect(transport.stream('machines.start')).toBeUndefined();
  });
});
