// A container's root filesystem: kernel overlayfs with the image's layers as lower dirs (through
// short links, so deep images fit in one page of mount options) and the container's own upper
// dir. Mounted at init, unmounted when the container stops, removed with the container.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';
import type { ImageRecord } from '../image/image-records.js';
import { imageStoreLayout, layerDiffPath, layerInfoPath } from '../image/store-layout.js';
import { fuseOverlayProgram, mountFuseOverlayfs } from '../storage/fuse-overlayfs.js';
import {
  isMounted,
  mountOverlay,
  unmountOverlay,
  type OverlayMountRequest,
} from '../storage/overlay-mount.js';
import { storageOptions } from '../storage/storage-options.js';
import { log } from '../util/logger.js';
import { inRootlessNamespace } from '../rootless/rootless-env.js';
import type { ContainerPaths } from './container-paths.js';

export class MissingLayerError extends Error {
  readonly exitCode = 125;
}

/** Lower dirs for an image, uppermost first; an image without layers gets one empty dir. */
export function imageLowerDirs(store: Pick<StorePaths, 'graphRoot'>, image: ImageRecord): string[] {
  // Paths only (store-layout.ts): the layer store's ingest code is not needed to run a container.
  const layout = imageStoreLayout(store.graphRoot);
  const dirs = image.diffIds.map((diffId) => {
    if (!existsSync(layerInfoPath(layout, diffId)))
      throw new MissingLayerError(
        `layer ${diffId} of image ${image.id.slice(0, 12)} is missing from the store: pull the image again`,
      );
    return layerDiffPath(layout, diffId);
  });
  if (dirs.length === 0) {
    const empty = path.join(store.graphRoot, 'overlay', 'empty');
    mkdirSync(empty, { recursive: true, mode: 0o755 });
    dirs.push(empty);
  }
  return dirs.reverse();
}

/** Mounts the rootfs unless it already is (a half-finished earlier start); returns the mount point. */
export async function mountContainerRootfs(
  store: Pick<StorePaths, 'graphRoot'>,
  image: ImageRecord,
  paths: ContainerPaths,
): Promise<string> {
  if (isMounted(paths.mergedDir)) return paths.mergedDir;
  const request: OverlayMountRequest = {
    overlayRoot: paths.overlayRoot,
    lowerDirs: imageLowerDirs(store, image),
    upperDir: paths.upperDir,
    workDir: paths.workDir,
    target: paths.mergedDir,
  };
  const { mountProgram } = storageOptions();
  if (mountProgram) {
    await mountFuseOverlayfs(request, fuseOverlayProgram(mountProgram));
    return paths.mergedDir;
  }
  const rootless = inRootlessNamespace();
  try {
    // Rootless (in Berth's user namespace, kernel >= 5.11): overlay may not use trusted.* xattrs
    // there, so it keeps its opaque/redirect markers in user.* ones, as layers are extracted.
    await mountOverlay({ ...request, ...(rootless ? { options: ['userxattr'] } : {}) });
  } catch (error) {
    // Older kernels refuse overlay in a user namespace: fuse-overlayfs reads the same layers.
    if (!rootless || !KERNEL_REFUSED.test((error as Error).message)) throw error;
    log.debug(
      `kernel overlay refused in the user namespace (${(error as Error).message}): using fuse-overlayfs`,
    );
    await mountFuseOverlayfs(request, fuseOverlayProgram());
  }
  return paths.mergedDir;
}

/** How mount(8) reports a kernel that will not mount overlay here (EPERM, or no userxattr option). */
const KERNEL_REFUSED = /permission denied|not permitted|wrong fs type|unknown filesystem|bad option/i;

export async function unmountContainerRootfs(paths: ContainerPaths): Promise<void> {
  await unmountOverlay(paths.mergedDir);
}
