// The contract's machines domain on this host: the machine verbs the CLI uses (machine-service.ts),
// with init and start as streams of progress lines, and the SSH terminal. The desktop app serves
// it next to its Engine, whichever that is: machines are the host's, so a remote connection does
// not change which machines are listed. The store (where machines live and lock) is the host's,
// opened on first use.
import { readConnections } from '../client/connection-store.js';
import type { MachineManager } from '../contract/engine-contract.js';
import type { MachineProgress } from '../contract/machine-types.js';
import { streamJob } from '../engine/coalescing-queue.js';
import { withErrorCodes } from '../engine/image-handlers.js';
import { EngineError, type WireErrorCode } from '../service/engine-error.js';
import { openStore, type Store } from '../state/store.js';
import { defaultImageSource } from './image-source.js';
import { MachineError } from './machine-errors.js';
import {
  initMachine,
  listMachines,
  removeMachine,
  startMachine,
  stopMachine,
  viewMachine,
} from './machine-service.js';
import { machineExists, loadMachine } from './machine-store.js';
import { machineSummary } from './machine-summary.js';
import { machineTerminal } from './machine-terminal.js';

export interface MachineManagerOptions {
  root?: string;
  runroot?: string;
}

export interface HostMachineManager extends MachineManager {
  /** Closes the store; calls after this reopen it. */
  close(): void;
}

/** Machine errors (a host lacking QEMU among them) already say what failed and what to do. */
export function machineErrorCode(error: unknown): WireErrorCode | undefined {
  return error instanceof MachineError ? 'engine' : undefined;
}

function requireMachine(store: Store, name: string): void {
  if (!machineExists(store, name))
    throw new EngineError(
      `machine "${name}" does not exist: create it first (Create machine, or berth machine init ${name})`,
      'not-found',
    );
}

export function createMachineManager(options: MachineManagerOptions = {}): HostMachineManager {
  let opened: Store | undefined;
  const store = (): Store => (opened ??= openStore({ root: options.root, runroot: options.runroot }));
  const summaryOf = async (name: string) => machineSummary(await viewMachine(store(), name));

  const manager: MachineManager = {
    'machines.list': async () => {
      const connections = readConnections();
      return (await listMachines(store())).map((view) => machineSummary(view, connections));
    },
    'machines.stop': async ({ machine }) => {
      requireMachine(store(), machine);
      await stopMachine(store(), machine);
      return summaryOf(machine);
    },
    'machines.remove': async ({ machine, force }) => {
      requireMachine(store(), machine);
      await removeMachine(store(), machine, force);
      return { name: machine };
    },
    'machines.init': (input, { signal }) =>
      streamJob<MachineProgress>(signal, async (push) => {
        if (machineExists(store(), input.name))
          throw new EngineError(
            `a machine named "${input.name}" already exists: choose another name, or delete that machine first`,
            'conflict',
          );
        const image = input.image ?? defaultImageSource();
        if (!image)
          throw new EngineError(
            'no machine image: build one with build/machine-image/build-image.sh (as root), or give the path or URL of one',
            'invalid-input',
          );
        await initMachine(store(), {
          name: input.name,
          cpus: input.cpus,
          memoryMiB: input.memoryMiB,
          diskGiB: input.diskGiB,
          image,
          imageSha256: input.imageSha256,
          rootful: true,
          volumes: input.volumes,
          onProgress: (message) => push({ type: 'progress', message }),
        });
        push({ type: 'done', machine: await summaryOf(input.name) });
      }),
    'machines.start': ({ machine }, { signal }) =>
      // Cancelling the stream cancels the start: the half-booted VM is stopped.
      streamJob<MachineProgress>(signal, async (push, cancel) => {
        requireMachine(store(), machine);
        await startMachine(store(), machine, {
          onProgress: (message) => push({ type: 'progress', message }),
          signal: cancel,
        });
        push({ type: 'done', machine: await summaryOf(machine) });
      }),
    'machines.terminal': async function* (input, context) {
      requireMachine(store(), input.machine);
      yield* machineTerminal(loadMachine(store(), input.machine), input, context);
    },
  };
  return {
    ...withErrorCodes(manager, machineErrorCode),
    close: () => {
      opened?.close();
      opened = undefined;
    },
  };
}
