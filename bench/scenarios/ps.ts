// `ps`: `ps -a` over 500 created containers, Berth vs podman. Target: <= 0.5x podman.
import type { Scenario, Subject } from '../scenario.js';
import { createMany, sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

const COUNT = 500;
let stores: SideBySideStores | undefined;
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const scenario: Scenario = {
  name: 'ps',
  description: `ps -a with ${COUNT} containers`,
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.5 }],
  async setup() {
    stores = await sideBySideStores('ps');
    await Promise.all([
      createMany(stores.berth, stores.image, COUNT),
      createMany(stores.podman, stores.image, COUNT, stores.podmanEnv),
    ]);
    berth.command = [...stores.berth, 'ps', '-a'];
    podman.command = [...stores.podman, 'ps', '-a'];
    podman.env = stores.podmanEnv;
  },
  async teardown() {
    await stores?.dispose();
  },
};
export default scenario;
