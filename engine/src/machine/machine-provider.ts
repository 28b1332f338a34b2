// One interface for every way of running the machine: QEMU (Linux; HVF on macOS) and WSL2
// (Windows). Commands and the desktop app call the provider; they never touch QEMU or wsl.exe.
import type { MachineStatus, VmType } from './machine-config.js';
import type { MachineRecord } from './machine-store.js';

export interface StartOptions {
  /** Progress lines for the user (booting, waiting for SSH, waiting for the API...). */
  onProgress?: (message: string) => void;
  /** How long a boot may take before start fails with the console's last lines. */
  timeoutMs?: number;
  /** Cancels the start: the half-booted VM is stopped and the start fails saying so. */
  signal?: AbortSignal;
}

export interface SshOptions {
  /** Allocate a terminal (interactive shell). */
  tty?: boolean;
  stdio?: 'inherit' | 'pipe';
}

/** A program and its arguments, for a caller that runs it with its own stdio. */
export interface CommandLine {
  file: string;
  args: string[];
}

export interface MachineProvider {
  readonly vmType: VmType;
  /** Throws MachineHostError naming what the host lacks and how to install it. */
  checkHost(): void;
  /** Creates the machine's disk and keys from its (already cached) image. */
  init(machine: MachineRecord): Promise<void>;
  /** Boots and returns once the engine's API answers on the host's forwarded socket. */
  start(machine: MachineRecord, options?: StartOptions): Promise<void>;
  /** Clean power-down, forced after a timeout. */
  stop(machine: MachineRecord, options?: { timeoutMs?: number }): Promise<void>;
  /** Deletes what init created (the caller removes the machine's folders). */
  remove(machine: MachineRecord): Promise<void>;
  /** What the VM really is now (a crashed VM is stopped, whatever was recorded). */
  status(machine: MachineRecord): Promise<MachineStatus>;
  /** Runs a command (or a shell) in the machine; resolves with its exit code. */
  ssh(machine: MachineRecord, command: string[], options?: SshOptions): Promise<number>;
  /**
   * The command line that runs `command` in the running machine on a terminal of its own, for a
   * caller that drives it through pipes (the desktop app's terminal). Throws when it is not running.
   */
  terminalCommand(machine: MachineRecord, command: string[]): CommandLine;
  /** Applies changed resources (cpus, memory, disk) to a stopped machine. */
  applyResources(machine: MachineRecord, previous: MachineRecord['config']): Promise<void>;
}
