// The WSL2 provider (Windows): the machine is a WSL distribution imported from the image's root
// filesystem tarball; the engine's API service runs inside it; stop terminates the distribution
// and rm unregisters it. WSL gives the distribution a network and a file share of its own, so
// there is no port to pick and no SSH: commands run through `wsl.exe -d NAME`.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { findExecutable } from '../../util/find-executable.js';
import type { MachineConfig, MachineStatus } from '../machine-config.js';
import { MachineError, MachineHostError, startCancelled } from '../machine-errors.js';
import type { CommandLine, MachineProvider, SshOptions, StartOptions } from '../machine-provider.js';
import type { MachineRecord } from '../machine-store.js';
import { runTool } from '../run-tool.js';

/** The root filesystem tarball the image carries for WSL (next to the QEMU disk). */
export const WSL_ROOTFS = 'rootfs.tar';
const GUEST_API_SOCKET = '/run/berth/berth.sock';

export function distributionName(machine: MachineRecord): string {
  return `berth-${machine.config.name}`;
}

/**
 * wsl.exe writes UTF-16LE on Windows consoles: read as UTF-8, each ASCII character is followed by
 * a NUL and the byte-order mark turns into replacement characters. Names and messages are ASCII.
 */
export function decodeWslOutput(raw: string): string {
  return raw.replace(/\0/g, '').replace(/^(?:\uFEFF|\uFFFD+)/, '');
}

export class WslProvider implements MachineProvider {
  readonly vmType = 'wsl' as const;
  private readonly env: NodeJS.ProcessEnv;
  private readonly wslPath?: string;

  constructor(options: { env?: NodeJS.ProcessEnv; wslPath?: string } = {}) {
    this.env = options.env ?? process.env;
    this.wslPath = options.wslPath;
  }

  private wsl(): string {
    const found = this.wslPath ?? findExecutable('wsl.exe', this.env);
    if (!found)
      throw new MachineHostError(
        'wsl.exe not found: the WSL2 machine provider needs the Windows Subsystem for Linux; install it with `wsl --install` from an administrator PowerShell, then restart Windows',
      );
    return found;
  }

  private async run(args: string[], what: string): Promise<string> {
    const result = await runTool(this.wsl(), args, { env: this.env });
    const stdout = decodeWslOutput(result.stdout);
    if (result.code !== 0)
      throw new MachineError(
        `${what}: wsl.exe ${args.join(' ')} exited with ${result.code}: ${decodeWslOutput(result.stderr).trim() || stdout.trim()}`,
      );
    return stdout;
  }

  checkHost(): void {
    this.wsl();
  }

  async init(machine: MachineRecord): Promise<void> {
    const rootfs = path.join(machine.config.image.dir, WSL_ROOTFS);
    if (!existsSync(rootfs))
      throw new MachineError(`the machine image ${machine.config.image.dir} has no ${WSL_ROOTFS} for WSL`);
    const installDir = path.join(machine.paths.dataDir, 'wsl');
    mkdirSync(installDir, { recursive: true });
    await this.run(
      ['--import', distributionName(machine), installDir, rootfs, '--version', '2'],
      `cannot import machine ${machine.config.name} into WSL`,
    );
  }

  async runningDistributions(): Promise<string[]> {
    const out = await this.run(['--list', '--running', '--quiet'], 'cannot list WSL distributions');
    return out
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  }

  async status(machine: MachineRecord): Promise<MachineStatus> {
    return (await this.runningDistributions()).includes(distributionName(machine)) ? 'running' : 'stopped';
  }

  async start(machine: MachineRecord, options: StartOptions = {}): Promise<void> {
    const distro = distributionName(machine);
    options.onProgress?.(`Starting the Berth API service in WSL distribution ${distro}`);
    await this.run(
      [
        '-d',
        distro,
        '-u',
        'root',
        '--',
        '/bin/sh',
        '-c',
        `mkdir -p /run/berth && (setsid node /opt/berth/bin/berth.js system service --time 0 unix://${GUEST_API_SOCKET} >>/var/log/berth-service.log 2>&1 &)`,
      ],
      `cannot start the engine in machine ${machine.config.name}`,
    );
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const probe = await runTool(
        this.wsl(),
        ['-d', distro, '-u', 'root', '--', 'test', '-S', GUEST_API_SOCKET],
        {
          env: this.env,
        },
      );
      if (probe.code === 0) return;
      if (options.signal?.aborted) {
        await this.stop(machine);
        throw startCancelled(machine.config.name);
      }
      if (Date.now() > deadline)
        throw new MachineError(
          `machine ${machine.config.name} did not start: no API socket ${GUEST_API_SOCKET} in WSL distribution ${distro}; see /var/log/berth-service.log inside it`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(machine: MachineRecord): Promise<void> {
    await this.run(['--terminate', distributionName(machine)], `cannot stop machine ${machine.config.name}`);
  }

  async remove(machine: MachineRecord): Promise<void> {
    await this.run(
      ['--unregister', distributionName(machine)],
      `cannot remove machine ${machine.config.name}`,
    );
  }

  async ssh(machine: MachineRecord, command: string[], options: SshOptions = {}): Promise<number> {
    const args = ['-d', distributionName(machine), '-u', machine.config.remoteUsername];
    if (command.length > 0) args.push('--', ...command);
    if (options.stdio === 'pipe') return (await runTool(this.wsl(), args, { env: this.env })).code;
    const { spawn } = await import('node:child_process');
    return new Promise((resolve, reject) => {
      const child = spawn(this.wsl(), args, { stdio: 'inherit', env: this.env });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 255));
    });
  }

  terminalCommand(machine: MachineRecord): CommandLine {
    // wsl.exe over pipes gives the shell no terminal, and nothing here can make one for it yet.
    throw new MachineError(
      `the desktop app's terminal does not reach WSL machines yet: open one with \`berth machine ssh ${machine.config.name}\` in a terminal`,
    );
  }

  async applyResources(machine: MachineRecord, previous: MachineConfig): Promise<void> {
    // WSL2 shares one VM between distributions: its CPUs and memory are set in .wslconfig.
    if (machine.config.cpus !== previous.cpus || machine.config.memoryMiB !== previous.memoryMiB)
      throw new MachineError(
        'WSL2 machines share the WSL VM: set processors= and memory= in %UserProfile%\\.wslconfig instead',
      );
  }
}
