// The engine for a process that embeds it as a normal user but runs outside Berth's user
// namespace: Electron main. Node cannot join a namespace (setns) once it runs, and the CLI's way
// (re-executing itself under nsenter, rootless-reexec.ts) would mean re-executing Electron. So the
// app starts `berth system service` on a private socket (that CLI re-executes itself inside the
// namespace, as every rootless command does) and talks to it as a RemoteEngine; closing the app
// stops the service. Containers outlive both, under conmon.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rootlessRuntimeDir } from '../config/store-paths.js';
import { berthCliPath } from '../container/exit-command.js';
import type { Engine } from '../contract/engine-contract.js';
import type { LocalEngineOptions } from '../engine/local-engine.js';
import { inRootlessNamespace } from '../rootless/rootless-env.js';
import { createRemoteEngine } from './remote-engine.js';

const START_TIMEOUT_MS = 20_000;

/** A user's process outside the namespace: the local store must be reached through a service. */
export function needsRootlessService(): boolean {
  return typeof process.getuid === 'function' && process.getuid() !== 0 && !inRootlessNamespace();
}

export interface RootlessServiceEngine {
  engine: Engine;
  socket: string;
  close(): Promise<void>;
}

export async function openRootlessServiceEngine(
  local: LocalEngineOptions = {},
): Promise<RootlessServiceEngine> {
  const dir = path.join(rootlessRuntimeDir(), 'berth');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const socket = path.join(dir, `desktop-${process.pid}.sock`);
  rmSync(socket, { force: true });
  const storeArgs = [
    ...(local.root ? ['--root', local.root] : []),
    ...(local.runroot ? ['--runroot', local.runroot] : []),
    ...(local.runtime ? ['--runtime', local.runtime] : []),
  ];
  const child = spawn(
    process.execPath,
    [berthCliPath(), ...storeArgs, 'system', 'service', '--time', '0', `unix://${socket}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Electron's binary runs the CLI as Node with this set.
      env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  await waitForSocket(child, socket, () => stderr);
  return {
    engine: createRemoteEngine({ socketPath: socket }),
    socket,
    close: () => stopService(child, socket),
  };
}

async function waitForSocket(child: ChildProcess, socket: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!existsSync(socket)) {
    const ended = child.exitCode !== null || child.signalCode !== null;
    if (ended || Date.now() > deadline) {
      if (!ended) child.kill('SIGKILL');
      const why = stderr().trim().split('\n').at(-1) ?? '';
      throw new Error(
        `the rootless engine service did not start (${ended ? `exit status ${child.exitCode}` : 'no socket in time'})${why ? `: ${why.replace(/^Error: /, '')}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stopService(child: ChildProcess, socket: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(socket, { force: true });
}
