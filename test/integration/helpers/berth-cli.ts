// Runs the built `berth` CLI as a user would, each test with its own store (--root/--runroot).
import {
  spawn,
  type ChildProcessWithoutNullStreams,
  type SpawnOptionsWithoutStdio,
} from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BERTH_BIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'bin',
  'berth.js',
);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BerthStore {
  root: string;
  runroot: string;
  /** Runs `berth --root R --runroot RR ...args`. */
  run(
    args: readonly string[],
    options?: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
  ): Promise<RunResult>;
  cleanup(): void;
}

/** Starts `berth --root R --runroot RR ...args` and hands the process over: for tests that drive
 * it themselves (signals, a reader that stalls, output followed as it comes). */
export function spawnBerth(
  store: Pick<BerthStore, 'root' | 'runroot'>,
  args: readonly string[],
  options: SpawnOptionsWithoutStdio = {},
): ChildProcessWithoutNullStreams {
  return spawn(
    process.execPath,
    [BERTH_BIN, '--root', store.root, '--runroot', store.runroot, ...args],
    options,
  );
}

export function runBerth(
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BERTH_BIN, ...args], {
      env: { ...process.env, ...options.env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `berth ${args.join(' ')} did not finish in ${options.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export function tempStore(): BerthStore {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-store-'));
  const root = path.join(base, 'root');
  const runroot = path.join(base, 'run');
  return {
    root,
    runroot,
    run: (args, options) => runBerth(['--root', root, '--runroot', runroot, ...args], options),
    // Retries: an exit command may still be finishing its work in the store for a moment.
    cleanup: () => rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
  };
}
