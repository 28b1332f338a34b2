// Temporary stores for Berth and podman side by side, both fed the same fixture image from a local
// registry, for scenarios that time container work (run, ps). Podman gets its own root, overlay
// storage, the cgroupfs manager and file events, so that neither engine touches the system's.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fixtureLayout } from '../test/fixtures/images/fixture-cache.js';
import { pushFromLayout } from '../test/fixtures/registry/push-layout.js';
import { startTestRegistry, type TestRegistry } from '../test/fixtures/registry/test-registry.js';

const run = promisify(execFile);
export const BERTH_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'berth.js');

/**
 * podman's default rlimits (nofile 1048576...) are above this host's hard limits and runc then
 * refuses to start; Berth clamps to the host's limits by itself. podman reads the same kind of
 * setting from containers.conf (the documented way), so it gets one of its own.
 */
function podmanContainersConf(): string {
  return [
    '[containers]',
    `default_ulimits = ["nofile=${hostHard('Max open files')}", "nproc=${hostHard('Max processes', 32768)}"]`,
    '[engine]',
    'runtime = "runc"',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    '',
  ].join('\n');
}

/** `N:N` for a /proc/self/limits row's hard limit, capped at `cap`. */
function hostHard(row: string, cap = Number.MAX_SAFE_INTEGER): string {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(row));
  const hard = Number(line?.slice(row.length).trim().split(/\s+/)[1]);
  const value = Number.isFinite(hard) ? Math.min(hard, cap) : cap;
  return `${value}:${value}`;
}

export interface SideBySideStores {
  /** argv prefixes: `[...berth, 'ps']`. */
  berth: string[];
  podman: string[];
  /** Environment for podman commands (its own containers.conf). */
  podmanEnv: NodeJS.ProcessEnv;
  /** The fixture busybox as both stores know it. */
  image: string;
  /** The fixture httpd (serves a page on port 80), pulled by both when asked for. */
  httpd: string;
  dispose(): Promise<void>;
}

export async function sideBySideStores(
  name: string,
  options: { withHttpd?: boolean } = {},
): Promise<SideBySideStores> {
  const base = mkdtempSync(path.join(os.tmpdir(), `berth-bench-${name}-`));
  const registry: TestRegistry = await startTestRegistry();
  await pushFromLayout(registry.url, await fixtureLayout(), 'library/busybox');
  const image = `${registry.host}/library/busybox`;
  const httpd = `${registry.host}/library/httpd`;
  if (options.withHttpd) await pushFromLayout(registry.url, await fixtureLayout(), 'library/httpd');
  const berth = [
    process.execPath,
    BERTH_BIN,
    '--root',
    `${base}/berth/root`,
    '--runroot',
    `${base}/berth/run`,
  ];
  const podman = [
    'podman',
    '--root', `${base}/podman/root`,
    '--runroot', `${base}/podman/run`,
    '--storage-driver', 'overlay',
  ]; // prettier-ignore
  const confFile = path.join(base, 'containers.conf');
  writeFileSync(confFile, podmanContainersConf());
  const podmanEnv = { ...process.env, CONTAINERS_CONF: confFile };
  await run(berth[0]!, [...berth.slice(1), 'pull', '-q', image]);
  await run(podman[0]!, [...podman.slice(1), 'pull', '-q', '--tls-verify=false', image], { env: podmanEnv });
  if (options.withHttpd) {
    await run(berth[0]!, [...berth.slice(1), 'pull', '-q', httpd]);
    await run(podman[0]!, [...podman.slice(1), 'pull', '-q', '--tls-verify=false', httpd], {
      env: podmanEnv,
    });
  }
  return {
    berth,
    podman,
    podmanEnv,
    image,
    httpd,
    async dispose() {
      await run(berth[0]!, [...berth.slice(1), 'rm', '-a', '-f'], { maxBuffer: 1 << 26 }).catch(
        () => undefined,
      );
      await run(podman[0]!, [...podman.slice(1), 'rm', '-a', '-f'], {
        maxBuffer: 1 << 26,
        env: podmanEnv,
      }).catch(() => undefined);
      await run(podman[0]!, [...podman.slice(1), 'system', 'reset', '-f'], { env: podmanEnv }).catch(
        () => undefined,
      );
      await registry.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Runs argv and rejects with its stderr when it fails. */
export async function exec(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(argv[0]!, argv.slice(1), { maxBuffer: 1 << 26, env: env ?? process.env });
  return stdout;
}

/** Creates `count` idle containers (`--network none`), three processes at a time. */
export async function createMany(
  prefix: string[],
  image: string,
  count: number,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await exec([...prefix, 'create', '--network', 'none', image, 'true'], env);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}
