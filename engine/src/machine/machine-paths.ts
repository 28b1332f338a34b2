// Where a machine's files live. Data (config, disk, SSH key, console log) sits under the store's
// graph root; sockets and pid files under its run root, which a host reboot clears, as it clears
// the processes they belong to. Unix socket paths are limited to 107 bytes, hence short names.
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';

// Declared in the contract, where the desktop app checks names before sending them.
export { DEFAULT_MACHINE_NAME, MACHINE_NAME_PATTERN } from '../contract/machine-contract.js';

export interface MachinePaths {
  dataDir: string;
  runDir: string;
  config: string;
  state: string;
  disk: string;
  sshKey: string;
  consoleLog: string;
  forwarderLog: string;
  qmpSocket: string;
  qemuPidFile: string;
  /** The guest's API socket, forwarded to the host: what DOCKER_HOST and connections point at. */
  apiSocket: string;
  /** fw_cfg payloads (shared folder list, hostname). */
  mountsFile: string;
  hostnameFile: string;
}

export function machinesDataRoot(store: StorePaths): string {
  return path.join(store.graphRoot, 'machine');
}

export function machineImagesDir(store: StorePaths): string {
  return path.join(machinesDataRoot(store), 'images');
}

export function machinePaths(store: StorePaths, name: string): MachinePaths {
  const dataDir = path.join(machinesDataRoot(store), 'machines', name);
  const runDir = path.join(store.runRoot, 'machine', name);
  return {
    dataDir,
    runDir,
    config: path.join(dataDir, 'config.json'),
    state: path.join(runDir, 'state.json'),
    disk: path.join(dataDir, 'disk.qcow2'),
    sshKey: path.join(dataDir, 'ssh-key'),
    consoleLog: path.join(dataDir, 'console.log'),
    forwarderLog: path.join(dataDir, 'api-forward.log'),
    qmpSocket: path.join(runDir, 'qmp.sock'),
    qemuPidFile: path.join(runDir, 'qemu.pid'),
    apiSocket: path.join(runDir, 'api.sock'),
    mountsFile: path.join(dataDir, 'mounts'),
    hostnameFile: path.join(dataDir, 'hostname'),
  };
}
