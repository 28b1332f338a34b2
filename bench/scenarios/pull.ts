// `pull`: the ~50 MB fixture image berth/big (six layers, five of 10 MiB incompressible data) from
// a local registry into an empty store, Berth vs podman (overlay, its own temporary root, plain
// HTTP). Each timed run starts from an empty store. Target: Berth's median at most 0.7x podman's.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureLayout } from '../../test/fixtures/images/fixture-cache.js';
import { pushFromLayout } from '../../test/fixtures/registry/push-layout.js';
import { startTestRegistry, type TestRegistry } from '../../test/fixtures/registry/test-registry.js';
import type { Scenario, Subject } from '../scenario.js';

const BERTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'berth.js');
const base = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-pull-'));
const berthStore = path.join(base, 'berth');
const podmanStore = path.join(base, 'podman');
let registry: TestRegistry | undefined;

const emptyStore = (dir: string) => async () => rmSync(dir, { recursive: true, force: true });

const berth: Subject = { name: 'berth', command: [], before: emptyStore(berthStore) };
const podman: Subject = { name: 'podman', command: [], before: emptyStore(podmanStore) };

const scenario: Scenario = {
  name: 'pull',
  description: 'pull the ~50 MB fixture image berth/big from a local registry into an empty store',
  subjects: [berth, podman],
  targets: [{ against: 'podman', maxRatio: 0.7 }],
  async setup() {
    registry = await startTestRegistry();
    await pushFromLayout(registry.url, await fixtureLayout(), 'berth/big');
    const image = `${registry.host}/berth/big`;
    berth.command = [
      process.execPath,
      BERTH,
      '--root',
      `${berthStore}/root`,
      '--runroot',
      `${berthStore}/run`,
      'pull',
      '-q',
      image,
    ];
    podman.command = [
      'podman',
      '--root',
      `${podmanStore}/root`,
      '--runroot',
      `${podmanStore}/run`,
      '--storage-driver',
      'overlay',
      'pull',
      '-q',
      '--tls-verify=false',
      image,
    ];
  },
  async teardown() {
    await registry?.stop();
    rmSync(base, { recursive: true, force: true });
  },
};
export default scenario;
