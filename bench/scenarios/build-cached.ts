// `build-cached`: rebuild a 6-step Containerfile whose every step is in the cache, Berth vs
// podman, each on its own store primed by one untimed build. Target: <= 0.5x podman.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBuildContext } from '../build-context.js';
import type { Scenario, Subject } from '../scenario.js';
import { exec, sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

let stores: SideBySideStores | undefined;
let contextDir = '';
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const scenario: Scenario = {
  name: 'build-cached',
  description: 'build -t app CONTEXT with all 6 steps cached',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.5 }],
  async setup() {
    stores = await sideBySideStores('build-cached');
    contextDir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-build-'));
    writeBuildContext(contextDir, stores.image);
    berth.command = [...stores.berth, 'build', '-q', '-t', 'app', contextDir];
    podman.command = [...stores.podman, 'build', '-q', '--network', 'host', '-t', 'app', contextDir];
    podman.env = stores.podmanEnv;
    // Prime both caches (untimed).
    await exec(berth.command);
    await exec(podman.command, stores.podmanEnv);
  },
  async teardown() {
    await stores?.dispose();
    if (contextDir) rmSync(contextDir, { recursive: true, force: true });
  },
};
export default scenario;
