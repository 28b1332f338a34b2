// The QEMU provider: KVM when the host has a real KVM module, TCG otherwise. Each start picks a
// free SSH port, boots the image's kernel on the machine's qcow2 overlay, waits until SSH answers
// and then until the engine's API answers through the forwarded socket. A boot that dies or hangs
// stops QEMU and fails with the console's last lines.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineConfig, MachineRunState, MachineStatus } from '../machine-config.js';
import { MachineError, startCancelled } from '../machine-errors.js';
import type { CommandLine, MachineProvider, SshOptions, StartOptions } from '../machine-provider.js';
import { machineStatus, readRunState, writeRunState, type MachineRecord } from '../machine-store.js';
import { runToolChecked } from '../run-tool.js';
import { isAlive, signalTracked, trackProcess, waitForExit } from '../tracked-process.js';
import { consoleTail } from './console-tail.js';
import { pickFreePort } from './free-port.js';
import { findQemuTools, type QemuTools } from './host-tools.js';
import { accelerationArgs, firmwareArgs, qemuArgs } from './qemu-command.js';
import { qmpCommand } from './qmp-client.js';
import { generateSshKey, runSsh, sshCommandArgs } from './ssh-client.js';
import { waitForForwardedApi } from './wait-for-api.js';

const DEFAULT_START_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;
const POWERDOWN_RESEND_MS = 2_000;

export class QemuProvider implements MachineProvider {
  readonly vmType = 'qemu' as const;
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private tools(): QemuTools {
    return findQemuTools(this.env);
  }

  checkHost(): void {
    this.tools();
  }

  async init(machine: MachineRecord): Promise<void> {
    const tools = this.tools();
    mkdirSync(machine.paths.dataDir, { recursive: true, mode: 0o700 });
    await generateSshKey(tools.sshKeygen, machine.paths.sshKey, `berth-machine-${machine.config.name}`);
    const base = path.join(machine.config.image.dir, machine.config.image.disk);
    const baseBytes = await virtualSize(tools.qemuImg, base);
    const wanted = machine.config.diskGiB * 1024 ** 3;
    if (wanted < baseBytes)
      throw new MachineError(
        `--disk-size ${machine.config.diskGiB} is smaller than the image's disk (${Math.ceil(baseBytes / 1024 ** 3)} GiB): pass a larger --disk-size`,
      );
    await runToolChecked(
      tools.qemuImg,
      ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, machine.paths.disk, String(wanted)],
      `cannot create the disk of machine ${machine.config.name}`,
    );
  }

  async status(machine: MachineRecord): Promise<MachineStatus> {
    return machineStatus(readRunState(machine));
  }

  async start(machine: MachineRecord, options: StartOptions = {}): Promise<void> {
    const tools = this.tools();
    const { config, paths } = machine;
    // Cancelled before anything was made: nothing to undo.
    if (options.signal?.aborted) throw startCancelled(config.name);
    const progress = options.onProgress ?? (() => {});
    const timeoutMs = options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const starter = trackProcess(process.pid);
    mkdirSync(paths.runDir, { recursive: true, mode: 0o700 });
    for (const stale of [paths.qmpSocket, paths.qemuPidFile, paths.apiSocket]) rmSync(stale, { force: true });
    writeFileSync(paths.hostnameFile, config.name);
    writeFileSync(paths.mountsFile, config.mounts.map((mount) => `${mount.tag} ${mount.target}\n`).join(''));
    const sshPort = await pickFreePort();
    const state: MachineRunState = { starter, sshPort };
    writeRunState(machine, state);

    progress(`Booting ${config.name} (${config.cpus} CPUs, ${config.memoryMiB} MiB)`);
    try {
      await launchQemu(
        tools.qemu,
        qemuArgs(machine, sshPort, accelerationArgs(), firmwareArgs(tools.qemu)),
        machine,
      );
    } catch (error) {
      this.clearRunState(machine);
      throw error;
    }
    const pid = Number(readFileSync(paths.qemuPidFile, 'utf8').trim());
    state.qemu = trackProcess(pid);
    writeRunState(machine, state);

    const fail = async (why: string): Promise<never> => {
      await this.forceStop(machine);
      throw new MachineError(
        `machine ${config.name} did not start: ${why}. The console's last lines (full log: ${paths.consoleLog}):\n${consoleTail(paths.consoleLog)}`,
      );
    };
    try {
      await waitForForwardedApi(tools.ssh, machine, state, sshPort, {
        checkBooting: async (what) => {
          if (options.signal?.aborted) {
            await this.forceStop(machine);
            throw startCancelled(config.name);
          }
          if (!isAlive(state.qemu)) await fail(`QEMU exited while waiting for ${what}`);
          if (Date.now() > deadline) await fail(`no ${what} after ${Math.round(timeoutMs / 1000)} s`);
        },
        forwarderStarted: () => writeRunState(machine, state),
        progress,
      });
    } catch (error) {
      if (isAlive(state.qemu)) await this.forceStop(machine);
      throw error;
    }
    delete state.starter;
    writeRunState(machine, state);
  }

  /** Kills QEMU and the forwarder at once (a failed start, `rm -f`). */
  private async forceStop(machine: MachineRecord): Promise<void> {
    const state = readRunState(machine);
    signalTracked(state.forwarder, 'SIGTERM');
    if (state.qemu) {
      signalTracked(state.qemu, 'SIGKILL');
      await waitForExit(state.qemu, 5_000);
    }
    this.clearRunState(machine);
  }

  private clearRunState(machine: MachineRecord): void {
    writeRunState(machine, {});
    for (const file of [machine.paths.apiSocket, machine.paths.qmpSocket, machine.paths.qemuPidFile])
      rmSync(file, { force: true });
  }

  async stop(machine: MachineRecord, options: { timeoutMs?: number } = {}): Promise<void> {
    const state = readRunState(machine);
    signalTracked(state.forwarder, 'SIGTERM');
    const qemu = state.qemu;
    if (qemu && isAlive(qemu)) {
      const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
      // The guest may miss a power button press early in boot or while busy: press it again
      // every couple of seconds until QEMU exits, then force.
      for (;;) {
        await qmpCommand(machine.paths.qmpSocket, 'system_powerdown').catch(() => undefined);
        if (await waitForExit(qemu, Math.min(POWERDOWN_RESEND_MS, Math.max(0, deadline - Date.now())))) break;
        if (Date.now() >= deadline) {
          signalTracked(qemu, 'SIGKILL');
          await waitForExit(qemu, 5_000);
          break;
        }
      }
    }
    this.clearRunState(machine);
  }

  async remove(machine: MachineRecord): Promise<void> {
    if ((await this.status(machine)) !== 'stopped') await this.forceStop(machine);
  }

  async ssh(machine: MachineRecord, command: string[], options: SshOptions = {}): Promise<number> {
    return runSsh(this.tools().ssh, machine, this.runningSshPort(machine), command, options);
  }

  terminalCommand(machine: MachineRecord, command: string[]): CommandLine {
    const port = this.runningSshPort(machine);
    return { file: this.tools().ssh, args: sshCommandArgs(machine, port, command, '-tt') };
  }

  private runningSshPort(machine: MachineRecord): number {
    const state = readRunState(machine);
    if (machineStatus(state) !== 'running' || state.sshPort === undefined)
      throw new MachineError(
        `machine ${machine.config.name} is not running: start it with \`berth machine start ${machine.config.name}\``,
      );
    return state.sshPort;
  }

  async applyResources(machine: MachineRecord, previous: MachineConfig): Promise<void> {
    if (machine.config.diskGiB === previous.diskGiB) return;
    if (machine.config.diskGiB < previous.diskGiB)
      throw new MachineError(
        `cannot shrink the disk of ${machine.config.name} from ${previous.diskGiB} GiB to ${machine.config.diskGiB} GiB: only growing is supported`,
      );
    // The guest grows its ext4 filesystem to the disk on the next boot (resize2fs in its init).
    await runToolChecked(
      this.tools().qemuImg,
      ['resize', '-q', machine.paths.disk, String(machine.config.diskGiB * 1024 ** 3)],
      `cannot resize the disk of machine ${machine.config.name}`,
    );
  }
}

async function virtualSize(qemuImg: string, file: string): Promise<number> {
  const info = JSON.parse(
    await runToolChecked(qemuImg, ['info', '--output', 'json', file], `cannot read the image disk ${file}`),
  ) as { 'virtual-size': number };
  return info['virtual-size'];
}

/** Runs QEMU with -daemonize: the first process exits once the VM runs, or fails with a message. */
function launchQemu(qemu: string, args: string[], machine: MachineRecord): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(qemu, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new MachineError(`cannot run ${qemu}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0 && existsSync(machine.paths.qemuPidFile)) return resolve();
      reject(
        new MachineError(
          `machine ${machine.config.name} did not start: ${path.basename(qemu)} exited with ${code}: ${stderr.trim() || '(no message)'}\nThe console's last lines (full log: ${machine.paths.consoleLog}):\n${consoleTail(machine.paths.consoleLog)}`,
        ),
      );
    });
  });
}
