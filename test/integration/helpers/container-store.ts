// A temporary store with the fixture busybox pulled, for container tests; cleanup() removes every
// container through berth (so mounts and conmons go the supported way), then checks that nothing
// was leaked: no mount under the store, no conmon for it still alive.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { inject } from 'vitest';
import { tempStore, type BerthStore } from './berth-cli.js';

export interface ContainerStore extends BerthStore {
  /** The busybox reference in the fixture registry. */
  busybox: string;
  /** Runs berth and fails the test with its stderr unless it exits 0; returns trimmed stdout. */
  ok(args: readonly string[], options?: { input?: string; timeoutMs?: number }): Promise<string>;
  /** Mount points under this store. */
  mounts(): string[];
  /** conmon processes monitoring containers of this store. */
  conmons(): number[];
  /** aardvark-dns processes serving this store's networks (netavark starts one per run root). */
  aardvarks(): number[];
  dispose(): Promise<void>;
}

export async function containerStore(): Promise<ContainerStore> {
  const base = tempStore();
  const busybox = `${inject('registryHost')}/library/busybox`;
  const store: ContainerStore = {
    ...base,
    busybox,
    async ok(args, options) {
      const r = await base.run(args, options);
      if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return r.stdout.trim();
    },
    mounts: () =>
      readFileSync('/proc/self/mountinfo', 'utf8')
        .split('\n')
        .map((line) => line.split(' ')[4] ?? '')
        .filter((mountPoint) => mountPoint.startsWith(base.root) || mountPoint.startsWith(base.runroot)),
    conmons: () => {
      const pids: number[] = [];
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
          if (argv[0]?.endsWith('conmon') && argv.some((a) => a.startsWith(base.root)))
            pids.push(Number(entry));
        } catch {
          // gone
        }
      }
      return pids;
    },
    aardvarks: () => processesWithArg('aardvark-dns', base.runroot),
    async dispose() {
      await base.run(['rm', '-a', '-f'], { timeoutMs: 60_000 });
      // Network namespaces are nsfs mounts under the run root: the mount check covers them.
      const leftovers = { mounts: store.mounts(), conmons: store.conmons(), aardvarks: store.aardvarks() };
      for (const pid of [...leftovers.conmons, ...leftovers.aardvarks]) process.kill(pid, 'SIGKILL');
      // Leave nothing mounted on the host, even when the check below fails the test.
      for (const mountPoint of [...leftovers.mounts].reverse())
        spawnSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
      base.cleanup();
      if (leftovers.mounts.length > 0 || leftovers.conmons.length > 0 || leftovers.aardvarks.length > 0)
        throw new Error(`leaked after rm -a -f: ${JSON.stringify(leftovers)}`);
    },
  };
  await store.ok(['pull', '-q', busybox]);
  return store;
}

/** Polls `check` until it returns a value other than undefined (or the timeout passes). */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** PIDs of live processes whose argv[0] ends with `program` and one of whose arguments starts with `prefix`. */
export function processesWithArg(program: string, prefix: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith(program) && argv.some((a) => a.startsWith(prefix))) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}
