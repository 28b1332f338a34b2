// `run-port`: `run --rm -p 18080:80 httpd true` from the CLI, Berth vs podman, each on its default
// bridge network (Berth's `berth`/berth0, podman's `podman`/podman0) on stores of their own: a
// network namespace, netavark setup with a port forward, the container, then netavark teardown.
// Target: <= 0.6x podman.
import type { Scenario, Subject } from '../scenario.js';
import { sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

let stores: SideBySideStores | undefined;
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const scenario: Scenario = {
  name: 'run-port',
  description: 'run --rm -p 18080:80 httpd true (network namespace, port forward, run, teardown)',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.6 }],
  async setup() {
    stores = await sideBySideStores('run-port', { withHttpd: true });
    berth.command = [...stores.berth, 'run', '--rm', '-p', '18080:80', stores.httpd, 'true'];
    podman.command = [...stores.podman, 'run', '--rm', '-p', '18080:80', stores.httpd, 'true'];
    podman.env = stores.podmanEnv;
  },
  async teardown() {
    await stores?.dispose();
  },
};
export default scenario;
