// Runs the real podman on a temporary store of its own (--root/--runroot, vfs), so that tests
// never touch the system's containers storage, and removes it afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PODMAN_AVAILABLE = spawnSync('podman', ['--version']).status === 0;

export interface PodmanStore {
  run(
    args: readonly string[],
    options?: { env?: NodeJS.ProcessEnv },
  ): { code: number; stdout: string; stderr: string };
  cleanup(): void;
}

export function tempPodmanStore(): PodmanStore {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-podman-'));
  const global = [
    '--root',
    path.join(base, 'root'),
    '--runroot',
    path.join(base, 'run'),
    '--storage-driver',
    'vfs',
  ];
  const run: PodmanStore['run'] = (args, options = {}) => {
    const r = spawnSync('podman', [...global, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...options.env },
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    run,
    cleanup: () => {
      run(['rmi', '-a', '-f']);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
