// `images`: list 200 images (one shared layer, distinct configs), Berth vs podman (overlay, its own
// temporary root). Both stores are filled by loading the same docker-archive. Target: Berth's
// median at most 0.5x podman's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeManyImagesArchive } from '../many-images-archive.js';
import type { Scenario } from '../scenario.js';

const IMAGES = 200;
const BERTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'berth.js');
const base = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-images-'));
const berthArgs = ['--root', `${base}/berth/root`, '--runroot', `${base}/berth/run`];
const podmanArgs = [
  '--root',
  `${base}/podman/root`,
  '--runroot',
  `${base}/podman/run`,
  '--storage-driver',
  'overlay',
];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
}

const scenario: Scenario = {
  name: 'images',
  description: `list ${IMAGES} images`,
  subjects: [
    { name: 'berth', command: [process.execPath, BERTH, ...berthArgs, 'images'] },
    { name: 'podman', command: ['podman', ...podmanArgs, 'images'] },
  ],
  targets: [{ against: 'podman', maxRatio: 0.5 }],
  async setup() {
    const archive = path.join(base, 'images.tar');
    await writeManyImagesArchive(archive, IMAGES);
    run(process.execPath, [BERTH, ...berthArgs, 'load', '-q', '-i', archive]);
    run('podman', [...podmanArgs, 'load', '-q', '-i', archive]);
  },
  async teardown() {
    spawnSync('podman', [...podmanArgs, 'rmi', '-a', '-f'], { timeout: 120_000 });
    rmSync(base, { recursive: true, force: true });
  },
};
export default scenario;
