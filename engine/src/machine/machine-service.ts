// The machine verbs as the CLI and the desktop app use them: each works on one machine record
// under its cross-process lock, and asks the machine's provider to do the VM-specific part.
import { mkdirSync, rmSync } from 'node:fs';
import type { Store } from '../state/store.js';
import { prepareImage } from './image-source.js';
import type { MachineConfig, MachineMount, MachineStatus } from './machine-config.js';
import { registerMachineConnection, unregisterMachineConnection } from './machine-connection.js';
import { MachineError } from './machine-errors.js';
import { machineImagesDir, machinePaths, MACHINE_NAME_PATTERN } from './machine-paths.js';
import { defaultVmType, providerFor } from './machine-providers.js';
import type { StartOptions } from './machine-provider.js';
import {
  listMachineNames,
  loadMachine,
  machineExists,
  readRunState,
  saveMachineConfig,
  withMachineLock,
  type MachineRecord,
} from './machine-store.js';

export interface InitOptions {
  name: string;
  cpus: number;
  memoryMiB: number;
  diskGiB: number;
  image: string;
  imageSha256?: string;
  rootful: boolean;
  volumes: string[];
  onProgress?: (message: string) => void;
}

export interface MachineView {
  record: MachineRecord;
  status: MachineStatus;
  sshPort?: number;
}

/** `--volume HOST:GUEST` (GUEST defaults to HOST, as podman's), with a 9p tag per mount. */
export function parseVolumes(volumes: string[]): MachineMount[] {
  return volumes.map((spec, index) => {
    const [source = '', guest, extra] = spec.split(':');
    const target = guest ?? source;
    if (extra !== undefined || !source.startsWith('/') || !target.startsWith('/'))
      throw new MachineError(`invalid --volume ${spec}: use an absolute HOST-PATH[:GUEST-PATH]`);
    return { source, target, tag: `vol${index}` };
  });
}

export async function initMachine(store: Store, options: InitOptions): Promise<MachineRecord> {
  const { name } = options;
  if (!MACHINE_NAME_PATTERN.test(name))
    throw new MachineError(
      `invalid machine name ${JSON.stringify(name)}: use letters, digits, "_", "." and "-"`,
    );
  if (!options.rootful)
    throw new MachineError(
      'rootless machines are not supported yet: the engine inside the machine runs as root; drop --rootful=false',
    );
  const vmType = defaultVmType();
  const provider = providerFor(vmType);
  provider.checkHost();
  const mounts = parseVolumes(options.volumes);
  return withMachineLock(store, name, async () => {
    if (machineExists(store, name)) throw new MachineError(`${name}: VM already exists`);
    const image = await prepareImage(options.image, machineImagesDir(store.paths), {
      sha256: options.imageSha256,
      onProgress: options.onProgress,
    });
    const config: MachineConfig = {
      name,
      vmType,
      created: new Date().toISOString(),
      cpus: options.cpus,
      memoryMiB: options.memoryMiB,
      diskGiB: options.diskGiB,
      rootful: true,
      image,
      mounts,
      remoteUsername: 'root',
    };
    const record: MachineRecord = { config, paths: machinePaths(store.paths, name) };
    mkdirSync(record.paths.dataDir, { recursive: true, mode: 0o700 });
    try {
      await provider.init(record);
      saveMachineConfig(record);
      registerMachineConnection(record);
    } catch (error) {
      rmSync(record.paths.dataDir, { recursive: true, force: true });
      throw error;
    }
    return record;
  });
}

export async function viewMachine(store: Store, name: string): Promise<MachineView> {
  const record = loadMachine(store, name);
  const state = readRunState(record);
  return { record, status: await providerFor(record.config.vmType).status(record), sshPort: state.sshPort };
}

export async function listMachines(store: Store): Promise<MachineView[]> {
  return Promise.all(listMachineNames(store).map((name) => viewMachine(store, name)));
}

export async function startMachine(
  store: Store,
  name: string,
  options: StartOptions = {},
): Promise<MachineRecord> {
  return withMachineLock(store, name, async () => {
    const record = loadMachine(store, name);
    const provider = providerFor(record.config.vmType);
    if ((await provider.status(record)) !== 'stopped')
      throw new MachineError(`machine ${name}: VM already running or starting`);
    provider.checkHost();
    await provider.start(record, options);
    record.config.lastUp = new Date().toISOString();
    saveMachineConfig(record);
    return record;
  });
}

export async function stopMachine(store: Store, name: string): Promise<void> {
  await withMachineLock(store, name, async () => {
    const record = loadMachine(store, name);
    const provider = providerFor(record.config.vmType);
    const wasRunning = (await provider.status(record)) !== 'stopped';
    await provider.stop(record);
    if (wasRunning) {
      record.config.lastUp = new Date().toISOString();
      saveMachineConfig(record);
    }
  });
}

export async function removeMachine(store: Store, name: string, force: boolean): Promise<void> {
  await withMachineLock(store, name, async () => {
    const record = loadMachine(store, name);
    const provider = providerFor(record.config.vmType);
    if ((await provider.status(record)) !== 'stopped' && !force)
      throw new MachineError(`machine ${name} is running: stop it first or use --force`);
    await provider.remove(record);
    unregisterMachineConnection(record);
    rmSync(record.paths.runDir, { recursive: true, force: true });
    rmSync(record.paths.dataDir, { recursive: true, force: true });
  });
}

export interface MachineChanges {
  cpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
  rootful?: boolean;
}

export async function setMachine(store: Store, name: string, changes: MachineChanges): Promise<void> {
  await withMachineLock(store, name, async () => {
    const record = loadMachine(store, name);
    const provider = providerFor(record.config.vmType);
    if ((await provider.status(record)) !== 'stopped')
      throw new MachineError(`machine ${name} is running: stop it before changing its settings`);
    if (changes.rootful === false)
      throw new MachineError(
        'rootless machines are not supported yet: the engine inside the machine runs as root',
      );
    const previous = { ...record.config };
    if (changes.cpus !== undefined) record.config.cpus = changes.cpus;
    if (changes.memoryMiB !== undefined) record.config.memoryMiB = changes.memoryMiB;
    if (changes.diskGiB !== undefined) record.config.diskGiB = changes.diskGiB;
    await provider.applyResources(record, previous);
    saveMachineConfig(record);
  });
}

export async function sshMachine(
  store: Store,
  name: string,
  command: string[],
  tty: boolean,
): Promise<number> {
  const record = loadMachine(store, name);
  return providerFor(record.config.vmType).ssh(record, command, { tty });
}
