// Where a container's files live: the runtime files (bundle, log, exit file: see
// runtime/container-runtime-paths.ts) plus its root filesystem layers. All of it sits under
// `<graphRoot>/containers/<id>` and `<runRoot>/containers/<id>`, removed together by `rm`.
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';
import { containerRuntimePaths, type ContainerRuntimePaths } from '../runtime/container-runtime-paths.js';

export interface ContainerPaths extends ContainerRuntimePaths {
  /** `<graphRoot>/containers/<id>`: everything persistent of the container. */
  containerDir: string;
  /** The container's writable layer, overlay work dir and mount point. */
  upperDir: string;
  workDir: string;
  mergedDir: string;
  /** The store's overlay directory: short `l/` links to layer dirs; mounts run from here. */
  overlayRoot: string;
  /** Exec sessions' files (one sub-directory per session). */
  execDir: string;
}

export function containerPaths(store: Pick<StorePaths, 'graphRoot' | 'runRoot'>, id: string): ContainerPaths {
  const runtime = containerRuntimePaths(store, id);
  const containerDir = path.join(store.graphRoot, 'containers', id);
  return {
    ...runtime,
    containerDir,
    upperDir: path.join(containerDir, 'diff'),
    workDir: path.join(containerDir, 'work'),
    mergedDir: path.join(containerDir, 'merged'),
    overlayRoot: path.join(store.graphRoot, 'overlay'),
    execDir: path.join(runtime.runDir, 'exec'),
  };
}
