// Machine records on disk: a folder per machine with config.json, and state.json in the run root.
// Writes go through a temporary file and rename, so a reader never sees half a file; changes are
// made under the store's cross-process lock on `machine:<name>` (see withMachineLock).
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../state/store.js';
import { withLock } from '../state/object-lock.js';
import type { MachineConfig, MachineRunState, MachineStatus } from './machine-config.js';
import { MachineError } from './machine-errors.js';
import { machinePaths, machinesDataRoot, type MachinePaths } from './machine-paths.js';
import { isAlive } from './tracked-process.js';

export interface MachineRecord {
  config: MachineConfig;
  paths: MachinePaths;
}

function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

export function machineExists(store: Store, name: string): boolean {
  return existsSync(machinePaths(store.paths, name).config);
}

export function loadMachine(store: Store, name: string): MachineRecord {
  const paths = machinePaths(store.paths, name);
  let text: string;
  try {
    text = readFileSync(paths.config, 'utf8');
  } catch {
    throw new MachineError(`${name}: VM does not exist`);
  }
  return { config: JSON.parse(text) as MachineConfig, paths };
}

export function saveMachineConfig(record: MachineRecord): void {
  writeJsonAtomic(record.paths.config, record.config);
}

export function listMachineNames(store: Store): string[] {
  const dir = path.join(machinesDataRoot(store.paths), 'machines');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'config.json')))
    .map((entry) => entry.name)
    .sort();
}

export function readRunState(record: MachineRecord): MachineRunState {
  try {
    return JSON.parse(readFileSync(record.paths.state, 'utf8')) as MachineRunState;
  } catch {
    return {};
  }
}

export function writeRunState(record: MachineRecord, state: MachineRunState): void {
  writeJsonAtomic(record.paths.state, state);
}

/**
 * The state machine, derived from what is really there: QEMU gone (crashed, killed, host rebooted)
 * is stopped whatever the files say; QEMU up while a live `machine start` still waits is starting.
 */
export function machineStatus(state: MachineRunState): MachineStatus {
  if (!isAlive(state.qemu)) return isAlive(state.starter) ? 'starting' : 'stopped';
  return isAlive(state.starter) ? 'starting' : 'running';
}

/** Runs `work` holding the machine's lock (cross-process, in the store's state database). */
export function withMachineLock<T>(store: Store, name: string, work: () => Promise<T>): Promise<T> {
  // Start can take minutes under TCG: a second command waits for it rather than failing early.
  return withLock(store.db, `machine:${name}`, work, 15 * 60_000);
}
