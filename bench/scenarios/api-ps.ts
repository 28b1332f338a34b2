// `api-ps`: `docker ps -a` with 200 containers through Berth's API service vs through podman's
// (`podman system service`), the same docker CLI timed against each socket. Target: <= 0.7x podman.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Scenario, Subject } from '../scenario.js';
import { createMany, exec, sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

const COUNT = 200;
let stores: SideBySideStores | undefined;
const services: ChildProcess[] = [];
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

/** Starts `<cli> system service --time 0 unix://socket` and waits for the socket. */
async function startService(prefix: string[], socket: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(
    prefix[0]!,
    [...prefix.slice(1), 'system', 'service', '--time', '0', `unix://${socket}`],
    {
      env: env ?? process.env,
      stdio: 'ignore',
    },
  );
  services.push(child);
  const deadline = Date.now() + 20_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${prefix[0]} system service did not start on ${socket}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // The first request of each pays for its lazy start-up; the timed runs should not.
  await exec(['docker', 'ps', '-a', '-q'], { ...process.env, DOCKER_HOST: `unix://${socket}` });
}

const scenario: Scenario = {
  name: 'api-ps',
  description: `docker ps -a with ${COUNT} containers, Berth's API service vs podman's`,
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.7 }],
  async setup() {
    stores = await sideBySideStores('api-ps');
    await Promise.all([
      createMany(stores.berth, stores.image, COUNT),
      createMany(stores.podman, stores.image, COUNT, stores.podmanEnv),
    ]);
    const dir = path.dirname(stores.berth[stores.berth.indexOf('--root') + 1]!);
    const berthSocket = path.join(dir, 'api.sock');
    const podmanSocket = path.join(os.tmpdir(), `berth-bench-podman-${process.pid}.sock`);
    await startService(stores.berth, berthSocket);
    await startService(stores.podman, podmanSocket, stores.podmanEnv);
    berth.command = ['docker', 'ps', '-a'];
    berth.env = { ...process.env, DOCKER_HOST: `unix://${berthSocket}` };
    podman.command = ['docker', 'ps', '-a'];
    podman.env = { ...process.env, DOCKER_HOST: `unix://${podmanSocket}` };
  },
  async teardown() {
    for (const child of services) child.kill('SIGTERM');
    await Promise.all(
      services.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('close', r)))),
    );
    await stores?.dispose();
  },
};
export default scenario;
