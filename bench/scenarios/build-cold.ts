// `build-cold`: build a 6-step Containerfile with nothing cached (--no-cache: every RUN runs in a
// container, every COPY makes a layer), Berth vs podman on stores of their own with the same base
// image. Both run RUN steps on the host network. Target: <= 1.0x podman.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBuildContext } from '../build-context.js';
import type { Scenario, Subject } from '../scenario.js';
import { sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

let stores: SideBySideStores | undefined;
let contextDir = '';
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const scenario: Scenario = {
  name: 'build-cold',
  description: 'build --no-cache -t app CONTEXT (6 steps, 2 RUN)',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 1.0 }],
  async setup() {
    stores = await sideBySideStores('build-cold');
    contextDir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-build-'));
    writeBuildContext(contextDir, stores.image);
    berth.command = [...stores.berth, 'build', '-q', '--no-cache', '-t', 'app', contextDir];
    podman.command = [
      ...stores.podman,
      'build',
      '-q',
      '--no-cache',
      '--network',
      'host',
      '-t',
      'app',
      contextDir,
    ];
    podman.env = stores.podmanEnv;
  },
  async teardown() {
    await stores?.dispose();
    if (contextDir) rmSync(contextDir, { recursive: true, force: true });
  },
};
export default scenario;
