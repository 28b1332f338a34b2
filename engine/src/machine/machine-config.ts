// A machine's persisted configuration and run state, one JSON file each in the machine's folder.
// The config changes only through init/set; the state records the processes a start left behind
// (QEMU, the socket forwarder), each with its start time so a recycled PID is never taken for ours.

export type VmType = 'qemu' | 'wsl';

export interface MachineMount {
  /** Host folder. */
  source: string;
  /** Where the guest mounts it. */
  target: string;
  /** The 9p mount tag. */
  tag: string;
}

export interface MachineImage {
  /** The cached, unpacked image folder (image.json, kernel, initrd, disk). */
  dir: string;
  kernel: string;
  initrd: string;
  disk: string;
  kernelCommandLine: string;
  /** Where it came from (a path or URL), for inspect. */
  source: string;
}

export interface MachineConfig {
  name: string;
  vmType: VmType;
  created: string;
  lastUp?: string;
  cpus: number;
  memoryMiB: number;
  diskGiB: number;
  rootful: boolean;
  image: MachineImage;
  mounts: MachineMount[];
  remoteUsername: string;
}

export interface TrackedProcess {
  pid: number;
  /** /proc/<pid>/stat field 22: tells our process from a later one with the same PID. */
  startTime: string;
}

export interface MachineRunState {
  qemu?: TrackedProcess;
  forwarder?: TrackedProcess;
  /** The process running `machine start` while it waits for the guest. */
  starter?: TrackedProcess;
  sshPort?: number;
}

/** What `ls`, `inspect` and the state machine report; derived, never stored. */
export type MachineStatus = 'stopped' | 'starting' | 'running';
