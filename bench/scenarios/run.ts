// `run`: `run --rm busybox true` from the CLI, Berth vs podman, on stores of their own with the
// same image, each on its default bridge network (a netns and netavark setup/teardown on both
// sides, so the figures compare the same work). Target: <= 0.5x podman.
import type { Scenario, Subject } from '../scenario.js';
import { sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

let stores: SideBySideStores | undefined;
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const scenario: Scenario = {
  name: 'run',
  description: 'run --rm busybox true (create, start, wait, remove)',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.5 }],
  async setup() {
    stores = await sideBySideStores('run');
    berth.command = [...stores.berth, 'run', '--rm', stores.image, 'true'];
    podman.command = [...stores.podman, 'run', '--rm', stores.image, 'true'];
    podman.env = stores.podmanEnv;
  },
  async teardown() {
    await stores?.dispose();
  },
};
export default scenario;
