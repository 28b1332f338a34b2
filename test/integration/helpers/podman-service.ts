// Starts `podman system service` on a unix socket of its own, over a store of its own (--root,
// --runroot, --tmpdir, vfs, file events), so tests never touch the system's containers; the
// fixture registry is marked insecure in a private registries.conf (it speaks plain HTTP).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export interface PodmanService {
  socket: string;
  /** Runs the podman CLI on the same store (for cleanup and cross-checks). */
  podman(args: readonly string[]): { code: number; stdout: string; stderr: string };
  stop(): Promise<void>;
}

export async function startPodmanService(registryHost: string): Promise<PodmanService> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-podman-service-'));
  const socket = path.join(base, 'podman.sock');
  const conf = path.join(base, 'registries.conf');
  writeFileSync(conf, `[[registry]]\nlocation = "${registryHost}"\ninsecure = true\n`);
  // podman raises a root container's nofile/nproc limits to 1048576/4194304; where this host's
  // hard limits are lower (CI sandboxes) crun is refused. Ask for the limits this process has.
  const [nofile, nproc] = spawnSync('bash', ['-c', 'ulimit -Sn; ulimit -Su'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const containersConf = path.join(base, 'containers.conf');
  writeFileSync(
    containersConf,
    `[containers]\ndefault_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]\n`,
  );
  const env = { ...process.env, CONTAINERS_REGISTRIES_CONF: conf, CONTAINERS_CONF: containersConf };
  const global = [
    '--root',
    path.join(base, 'root'),
    '--runroot',
    path.join(base, 'run'),
    '--tmpdir',
    path.join(base, 'tmp'),
    '--storage-driver',
    'vfs',
    '--events-backend',
    'file',
  ];
  const child = spawn('podman', [...global, 'system', 'service', '--time', '0', `unix://${socket}`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const ping = () =>
    new Promise<number>((resolve) => {
      const req = http.request({ socketPath: socket, path: '/_ping' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.end();
    });
  const deadline = Date.now() + 30_000;
  while (!(existsSync(socket) && (await ping()) === 200)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`podman system service did not come up on ${socket}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const podman: PodmanService['podman'] = (args) => {
    const r = spawnSync('podman', [...global, ...args], { env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    socket,
    podman,
    async stop() {
      podman(['pod', 'rm', '-a', '-f']);
      podman(['rm', '-a', '-f', '-t', '0']);
      child.kill('SIGTERM');
      await exited;
      podman(['rmi', '-a', '-f']);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
