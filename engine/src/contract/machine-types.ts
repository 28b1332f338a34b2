// Machines (the VMs running Berth's engine) as the host's machine manager reports them to the
// desktop app. Units are spelled out in the names (MiB, GiB) because the CLI's flags use them.

export type MachineVmType = 'qemu' | 'wsl';

/** Derived from what really runs: a crashed VM is stopped whatever was recorded. */
export type MachineState = 'stopped' | 'starting' | 'running';

export interface MachineSummary {
  name: string;
  vmType: MachineVmType;
  status: MachineState;
  cpus: number;
  memoryMiB: number;
  diskGiB: number;
  /** RFC 3339. */
  created: string;
  /** RFC 3339; absent when the machine never ran. */
  lastUp?: string;
  /**
   * The named connection that reaches the machine's engine (`berth --connection NAME`): the one
   * `init` registered, while it still points at this machine's socket.
   */
  connection?: string;
  /** Whether that connection is the default one (`berth --remote`, `system connection default`). */
  default: boolean;
  /** The host end of the engine's forwarded API socket (DOCKER_HOST=unix://...). */
  apiSocket: string;
  /** The host port forwarded to the guest's SSH server while it runs. */
  sshPort?: number;
  /** Where the image came from (a path or URL). */
  image: string;
  /** Host folders shared with the guest. */
  volumes: { source: string; target: string }[];
  /** The VM's serial console log on the host (what a failed start quotes). */
  consoleLog: string;
}

/** What `machines.init` and `machines.start` yield: progress lines, then the machine. */
export type MachineProgress =
  { type: 'progress'; message: string } | { type: 'done'; machine: MachineSummary };
