// Machine work as tasks in the task panel: create (and start), start, stop and delete. Init and
// start are streams of progress lines shown as the task's detail; a start under TCG takes a
// minute. The machine is marked busy meanwhile; what each step answers goes into the cached
// list, and the list is read again once the work ends. A failure ends the task with its first
// line and puts the whole message (a failed start's console lines) above the page. A start can be
// cancelled (the engine stops the half-booted VM); create, stop and delete cannot: stopping them
// half-way would leave a half-made machine.
import type { QueryClient } from '@tanstack/react-query';
import type { StreamInput } from '../../../../engine/src/contract/engine-contract.js';
import type { MachineProgress, MachineSummary } from '../../../../engine/src/contract/machine-types.js';
import type { EngineClient } from '../../api/engine-client.js';
import { dropMachine, refreshMachines, upsertMachine } from '../../api/machine-cache.js';
import { useTaskStore } from '../../stores/task-store.js';
import { useMachinesUiStore } from './machines-ui-store.js';

interface MachineTask {
  title: string;
  name: string;
  /** What the task says when the user cancelled it; without it the task has no Cancel. */
  cancelledDetail?: string;
  /** Waits for the engine to have undone the cancelled work. */
  afterCancel?: () => Promise<void>;
  /** Does the work, telling the task what happens; resolves with how it ended. */
  work(report: (detail: string) => void, signal: AbortSignal): Promise<string>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runMachineTask(queryClient: QueryClient, task: MachineTask): Promise<boolean> {
  const tasks = useTaskStore.getState();
  const ui = useMachinesUiStore.getState();
  const controller = new AbortController();
  const id = tasks.start({
    title: task.title,
    detail: 'Starting',
    ...(task.cancelledDetail ? { cancel: () => controller.abort() } : {}),
  });
  ui.setBusy([task.name], true);
  ui.setActionError(undefined);
  try {
    const report = (detail: string) => tasks.update(id, () => ({ detail }));
    tasks.finish(id, 'succeeded', await task.work(report, controller.signal));
    return true;
  } catch (error) {
    if (controller.signal.aborted && task.cancelledDetail) {
      tasks.update(id, () => ({ detail: 'Cancelling' }));
      await task.afterCancel?.().catch(() => undefined);
      tasks.finish(id, 'cancelled', task.cancelledDetail);
      return false;
    }
    const message = errorMessage(error);
    tasks.finish(id, 'failed', message.split('\n')[0]!);
    useMachinesUiStore.getState().setActionError(message);
    return false;
  } finally {
    useMachinesUiStore.getState().setBusy([task.name], false);
    await refreshMachines(queryClient).catch(() => undefined);
  }
}

/** Follows an init or start stream: progress lines to the task; the machine it ends with. */
async function followProgress(
  events: AsyncIterable<MachineProgress>,
  report: (detail: string) => void,
  onFirst: () => void,
): Promise<MachineSummary> {
  let first = true;
  for await (const event of events) {
    if (first) {
      first = false;
      onFirst();
    }
    if (event.type === 'progress') report(event.message);
    else return event.machine;
  }
  throw new Error('the machine manager ended without saying how it went: see the machine’s status');
}

export function startMachineTask(
  engine: EngineClient,
  queryClient: QueryClient,
  name: string,
): Promise<boolean> {
  return runMachineTask(queryClient, {
    title: `Start machine ${name}`,
    name,
    cancelledDetail: 'Start cancelled: the machine was stopped',
    // The engine stops the half-booted VM when the stream is cancelled; a stop waits for that
    // (the machine's lock) and answers the machine as it is then.
    afterCancel: async () =>
      upsertMachine(queryClient, await engine.call('machines.stop', { machine: name })),
    work: async (report, signal) => {
      const machine = await followProgress(
        engine.stream('machines.start', { machine: name }, { signal }),
        report,
        // The machine shows as starting from the first line on.
        () => void refreshMachines(queryClient).catch(() => undefined),
      );
      upsertMachine(queryClient, machine);
      return `Machine ${name} is running${machine.connection ? `: connection ${machine.connection}` : ''}`;
    },
  });
}

export async function createMachineTask(
  engine: EngineClient,
  queryClient: QueryClient,
  input: StreamInput<'machines.init'> & { name: string },
  options: { start: boolean },
): Promise<boolean> {
  const created = await runMachineTask(queryClient, {
    title: `Create machine ${input.name}`,
    name: input.name,
    work: async (report) => {
      const machine = await followProgress(engine.stream('machines.init', input), report, () => undefined);
      upsertMachine(queryClient, machine);
      return `Created ${input.name}`;
    },
  });
  return created && options.start ? startMachineTask(engine, queryClient, input.name) : created;
}

export function stopMachineTask(
  engine: EngineClient,
  queryClient: QueryClient,
  name: string,
): Promise<boolean> {
  return runMachineTask(queryClient, {
    title: `Stop machine ${name}`,
    name,
    work: async (report) => {
      report('Powering off');
      upsertMachine(queryClient, await engine.call('machines.stop', { machine: name }));
      return `Machine ${name} is stopped`;
    },
  });
}

export function removeMachineTask(
  engine: EngineClient,
  queryClient: QueryClient,
  name: string,
  force: boolean,
): Promise<boolean> {
  return runMachineTask(queryClient, {
    title: `Delete machine ${name}`,
    name,
    work: async (report) => {
      report(force ? 'Stopping and removing' : 'Removing');
      await engine.call('machines.remove', { machine: name, force });
      dropMachine(queryClient, name);
      return `Deleted ${name}`;
    },
  });
}
