// Mounts a container's root filesystem with kernel overlayfs: image layers as read-only lower
// directories (uppermost first) and the container's own upper and work directories.
//
// Node has no mount(2) binding, and a native addon for one system call is not worth its build
// and ABI burden, so this runs util-linux's `mount -t overlay` and `umount`; the cost (~2 ms
// per call) is small next to starting a container.
//
// The kernel takes mount options as one page (4096 bytes). With absolute layer paths that page
// fills after ~30 layers, so, like podman's `l/` directory, every layer gets a short symlink in
// `<overlayRoot>/l/`, and mount runs with its working directory at `<overlayRoot>` and relative
// options (`lowerdir=l/ABCD...:l/EFGH...`): the kernel resolves them against the caller's cwd.
import { mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { runQuiet } from '../util/run-quiet.js';
import { findMount } from './mountinfo.js';

/** One page: the kernel's limit for the options string. */
const MAX_OPTIONS_BYTES = 4095;
/** 16 base32 characters = 80 bits: collisions are not a practical concern, and ~200 layers fit. */
const LINK_NAME_LENGTH = 16;

export class OverlayMountError extends Error {
  readonly exitCode = 125;
}

export interface OverlayMountRequest {
  /** Holds the `l/` link directory; mount runs from here. Layer, upper and work dirs may be anywhere. */
  overlayRoot: string;
  /** Layer diff directories, uppermost first (as in `lowerdir`). */
  lowerDirs: readonly string[];
  /** Writable layer; without it the mount is read-only (and needs two or more lower dirs). */
  upperDir?: string;
  workDir?: string;
  target: string;
  /** Extra options, e.g. "nodev", "userxattr" (rootless), "metacopy=on". */
  options?: readonly string[];
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A stable short name for a layer directory, derived from its absolute path. The name only has to
 * be stable and well spread, not secret, so it comes from a small 128-bit hash rather than
 * node:crypto (whose loading cost every container start ~3.5 ms); two paths landing on one name
 * would be refused by ensureLayerLink, never mixed up.
 */
export function shortLinkName(layerDir: string): string {
  const bits = hash128(path.resolve(layerDir));
  let name = '';
  for (let i = 0; name.length < LINK_NAME_LENGTH; i++) name += BASE32[(bits[i >> 2]! >>> ((i & 3) * 8)) & 31];
  return name;
}

/** Four 32-bit lanes, each multiplied by its own odd constant and fed by its neighbour; then murmur3's finaliser. */
function hash128(text: string): number[] {
  const lanes = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];
  const multipliers = [0x01000193, 0x5bd1e995, 0xcc9e2d51, 0x1b873593];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++)
      lanes[l] = Math.imul(lanes[l]! ^ c, multipliers[l]!) ^ (lanes[(l + 1) & 3]! >>> 15);
  }
  return lanes.map(finalMix);
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Makes (or reuses) `<overlayRoot>/l/<name>` → layerDir and returns `l/<name>`. */
export function ensureLayerLink(overlayRoot: string, layerDir: string): string {
  const linkDir = path.join(overlayRoot, 'l');
  mkdirSync(linkDir, { recursive: true, mode: 0o700 });
  const name = shortLinkName(layerDir);
  const link = path.join(linkDir, name);
  const target = path.resolve(layerDir);
  try {
    symlinkSync(target, link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = readlinkSync(link);
    if (existing !== target) {
      throw new OverlayMountError(
        `short link ${link} points at ${existing}, not ${target}: remove the stale link and retry`,
      );
    }
  }
  return `l/${name}`;
}

/** The options string, relative to overlayRoot where that is shorter. */
export function overlayOptions(request: OverlayMountRequest): string {
  const lower = request.lowerDirs.map((d) => ensureLayerLink(request.overlayRoot, d));
  const parts = [`lowerdir=${lower.join(':')}`];
  const rel = (p: string) => {
    const r = path.relative(request.overlayRoot, p);
    return r.startsWith('..') || r.length >= p.length ? path.resolve(p) : r;
  };
  if (request.upperDir) parts.push(`upperdir=${rel(request.upperDir)}`, `workdir=${rel(request.workDir!)}`);
  parts.push(...(request.options ?? []));
  return parts.join(',');
}

export async function mountOverlay(request: OverlayMountRequest): Promise<void> {
  if (request.lowerDirs.length === 0)
    throw new OverlayMountError(`overlay mount at ${request.target}: no layers given`);
  if (!request.upperDir && request.lowerDirs.length < 2) {
    throw new OverlayMountError(
      `overlay mount at ${request.target}: a read-only overlay needs two or more layers; give an upper dir`,
    );
  }
  if (request.upperDir && !request.workDir)
    throw new OverlayMountError(`overlay mount at ${request.target}: an upper dir needs a work dir`);
  for (const dir of [request.upperDir, request.workDir, request.target])
    if (dir) mkdirSync(dir, { recursive: true, mode: 0o755 });
  const options = overlayOptions(request);
  if (Buffer.byteLength(options) > MAX_OPTIONS_BYTES) {
    throw new OverlayMountError(
      `overlay mount at ${request.target}: ${request.lowerDirs.length} layers make the options longer than a page (${Buffer.byteLength(options)} bytes): flatten the image (squash layers)`,
    );
  }
  try {
    await runQuiet('mount', ['-t', 'overlay', 'overlay', '-o', options, path.resolve(request.target)], {
      cwd: request.overlayRoot,
    });
  } catch (error) {
    throw new OverlayMountError(
      `mounting the overlay at ${request.target} failed: ${(error as Error).message}`,
    );
  }
}

export function isMounted(target: string): boolean {
  return findMount(path.resolve(target)) !== undefined;
}

export interface UnmountOptions {
  /** Tries before falling back to a lazy unmount (EBUSY while a process still uses it). */
  retries?: number;
  retryDelayMs?: number;
}

/**
 * Unmounts `target` (no-op when not mounted). Busy mounts are retried, then detached lazily
 * (`umount -l`) so that `rm` can go on; mountinfo is checked afterwards either way.
 */
export async function unmountOverlay(target: string, options: UnmountOptions = {}): Promise<void> {
  const mountPoint = path.resolve(target);
  const retries = options.retries ?? 5;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt <= retries && isMounted(mountPoint); attempt++) {
    try {
      await runQuiet('umount', [mountPoint]);
    } catch (error) {
      lastError = error as Error;
      if (!isMounted(mountPoint)) break;
      await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 20) * 2 ** attempt));
    }
  }
  if (isMounted(mountPoint)) {
    await runQuiet('umount', ['-l', mountPoint]).catch((error: Error) => (lastError = error));
  }
  if (isMounted(mountPoint)) {
    throw new OverlayMountError(
      `${mountPoint} is still mounted: ${lastError?.message ?? 'unknown reason'}; check \`fuser -m ${mountPoint}\``,
    );
  }
}
