// `npx tsx bench/runtime-lifecycle.ts [runs]`: the runtime layer's own cost, with no CLI start-up:
// generate and write config.json, create under conmon, runc start, wait for the exit file, for a
// `true` container on a busybox directory. Prints the median; the target is under 80 ms.
// Not a test: it reports and never fails a build. Needs root, runc and conmon.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cleanupContainerRuntime } from '../engine/src/runtime/container-cleanup.js';
import { containerRuntimePaths } from '../engine/src/runtime/container-runtime-paths.js';
import { createContainerWithConmon } from '../engine/src/runtime/conmon.js';
import { writeEtcFiles } from '../engine/src/runtime/etc-files.js';
import { waitForExitFile } from '../engine/src/runtime/exit-file.js';
import { generateOciSpec, writeOciSpec } from '../engine/src/runtime/oci-spec.js';
import { selectOciRuntime } from '../engine/src/runtime/oci-runtime-select.js';
import { ociRuntime, runtimeStateDir } from '../engine/src/runtime/oci-runtime.js';
import { makeBusyboxRootfsDir } from '../test/fixtures/rootfs/busybox-rootfs-dir.js';
import { median } from './stats.js';

const TARGET_MS = 80;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20);
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-rt-'));
  try {
    const store = { graphRoot: path.join(base, 'root'), runRoot: path.join(base, 'run') };
    const choice = selectOciRuntime();
    const runtime = ociRuntime(choice, runtimeStateDir(store.runRoot, choice.name));
    const rootfs = makeBusyboxRootfsDir(path.join(base, 'rootfs'));
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const id = `berthbench${randomBytes(8).toString('hex')}`;
      const paths = containerRuntimePaths(store, id);
      const start = performance.now();
      mkdirSync(paths.bundleDir, { recursive: true });
      const etcFiles = await writeEtcFiles({ runDir: paths.runDir, hostname: id.slice(0, 12) });
      await writeOciSpec(paths.bundleDir, generateOciSpec({ id, rootfs, args: ['true'], etcFiles }));
      const created = await createContainerWithConmon({ id, runtime, paths });
      await runtime.start(id);
      const exit = await waitForExitFile(paths.exitFile, { conmonPid: created.conmonPid, pollMs: 5 });
      const elapsed = performance.now() - start;
      if (exit.exitCode !== 0) throw new Error(`run ${i}: true exited ${exit.exitCode}`);
      if (i > 0) times.push(elapsed); // the first run warms caches (runc binary, page cache)
      await cleanupContainerRuntime(id, paths, runtime);
    }
    const med = median(times);
    console.log(`runtime lifecycle (spec + conmon create + runc start + exit file), ${runs} runs`);
    console.log(
      `median ${med.toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
    console.log(`target < ${TARGET_MS} ms: ${med < TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
