// `pod`: a pod's whole life from the CLI, Berth vs podman, each on stores of its own: `pod create`
// (infra container), two `create --pod`, `pod start` (infra's network namespace and netavark setup,
// then the members joining it), `pod stop`, `pod rm`. One timed process runs the six commands in
// sequence (sh -c). The members exit on SIGTERM, so stop measures the engines, not a timeout.
// Target: <= 0.6x podman.
import type { Scenario, Subject } from '../scenario.js';
import { sideBySideStores, type SideBySideStores } from '../side-by-side-stores.js';

let stores: SideBySideStores | undefined;
const berth: Subject = { name: 'berth', command: [] };
const podman: Subject = { name: 'podman', command: [] };

const MEMBER = `trap 'exit 0' TERM; sleep 1000 & wait`;

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The six steps as one shell script, stopping at the first failure. */
function lifecycleScript(engine: readonly string[], image: string): string[] {
  const cli = engine.map(quote).join(' ');
  const steps = [
    `${cli} pod create --name benchpod`,
    `${cli} create --pod benchpod --name bench-a ${quote(image)} sh -c ${quote(MEMBER)}`,
    `${cli} create --pod benchpod --name bench-b ${quote(image)} sh -c ${quote(MEMBER)}`,
    `${cli} pod start benchpod`,
    `${cli} pod stop benchpod`,
    `${cli} pod rm benchpod`,
  ];
  return ['sh', '-ec', steps.map((s) => `${s} >/dev/null`).join('\n')];
}

const scenario: Scenario = {
  name: 'pod',
  description: 'pod create + 2 x create --pod + pod start + pod stop + pod rm',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.6 }],
  async setup() {
    stores = await sideBySideStores('pod');
    berth.command = lifecycleScript(stores.berth, stores.image);
    podman.command = lifecycleScript(stores.podman, stores.image);
    podman.env = stores.podmanEnv;
  },
  async teardown() {
    await stores?.dispose();
  },
};
export default scenario;
