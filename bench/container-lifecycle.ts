// `npx tsx bench/container-lifecycle.ts [runs]`: the engine's own cost for a container, through
// the library (no CLI start-up): createContainer + startContainer + waitForContainer of a `true`
// container from the fixture busybox image, in a store of its own. Removal is not timed. Prints
// the median; the target is under 80 ms. Not a test: it reports. Needs root, runc and conmon.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createContainer,
  removeContainer,
  startContainer,
  waitForContainer,
} from '../engine/src/container/container-lifecycle.js';
import { pullImage } from '../engine/src/image/pull-image.js';
import { openStore } from '../engine/src/state/store.js';
import { fixtureLayout } from '../test/fixtures/images/fixture-cache.js';
import { pushFromLayout } from '../test/fixtures/registry/push-layout.js';
import { startTestRegistry } from '../test/fixtures/registry/test-registry.js';
import { median } from './stats.js';

const TARGET_MS = 80;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20);
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-ctr-'));
  const registry = await startTestRegistry();
  const store = openStore({ root: path.join(base, 'root'), runroot: path.join(base, 'run') });
  try {
    await pushFromLayout(registry.url, await fixtureLayout(), 'library/busybox');
    const image = `${registry.host}/library/busybox`;
    await pullImage(store, { reference: image, tlsVerify: false });
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const start = performance.now();
      const record = await createContainer(store, { image, command: ['true'], networkMode: 'none' });
      // This process waits for the exit and removes the container itself (as a foreground
      // `run` does): conmon's exit command then starts no cleanup process, which would otherwise
      // compete with the next timed run for the CPU (and write into the store being deleted).
      await startContainer(store, record.id, { cleanupOwner: true });
      const exited = await waitForContainer(store, record.id);
      const elapsed = performance.now() - start;
      if (exited.state.exitCode !== 0) throw new Error(`run ${i}: true exited ${exited.state.exitCode}`);
      if (i > 0) times.push(elapsed); // the first run warms caches (runc binary, page cache)
      await removeContainer(store, record.id, { force: true });
    }
    const med = median(times);
    console.log(`container lifecycle through the library (create + start + wait), ${runs} runs`);
    console.log(
      `median ${med.toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
    console.log(`target < ${TARGET_MS} ms: ${med < TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    store.close();
    await registry.stop();
    rmSync(base, { recursive: true, force: true, maxRetries: 5 });
  }
}

await main();
