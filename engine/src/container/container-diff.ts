// `diff`: what a container changed, read from its overlay upper dir against the image's layers,
// as podman reports it: `A` added, `C` changed (a file rewritten or a directory that holds changes),
// `D` deleted (overlay whiteouts: a char device 0/0; the lower contents of an opaque directory).
// No mount is needed: the upper dir and the layers are plain directories.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { getImageRecord } from '../image/image-records.js';
import type { Store } from '../state/store.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import { imageLowerDirs } from './container-rootfs.js';
import { isOverlayWhiteout, opaqueDirectories } from './tree-archive.js';
import { byCodePoint } from '../util/code-point-order.js';

export type ChangeKind = 'A' | 'C' | 'D';

export interface ContainerChange {
  kind: ChangeKind;
  /** Absolute container path. */
  path: string;
}

/**
 * Mount points the runtime creates in every container (and files the engine bind-mounts there):
 * not the user's changes, so podman leaves them out of diff and commit.
 */
export const RUNTIME_PATHS: ReadonlySet<string> = new Set([
  '/dev',
  '/etc/hostname',
  '/etc/hosts',
  '/etc/mtab',
  '/etc/resolv.conf',
  '/proc',
  '/run',
  '/run/.containerenv',
  '/run/notify',
  '/run/secrets',
  '/sys',
]);

type Presence = 'present' | 'deleted' | 'absent';

/** Whether `rel` exists in one layer dir: present, hidden by a whiteout there, or absent. */
async function presenceIn(layer: string, rel: string): Promise<Presence> {
  const parts = rel.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const info = await lstat(path.join(layer, ...parts.slice(0, i))).catch(() => undefined);
    if (!info) return 'absent';
    if (isOverlayWhiteout(info)) return 'deleted';
    if (i < parts.length && !info.isDirectory()) return 'absent';
  }
  return 'present';
}

async function inImage(lowerDirs: readonly string[], rel: string): Promise<boolean> {
  for (const layer of lowerDirs) {
    const presence = await presenceIn(layer, rel);
    if (presence !== 'absent') return presence === 'present';
  }
  return false;
}

/** What the image has directly under directory `rel`, as the merged lower layers show it. */
async function imageChildren(lowerDirs: readonly string[], rel: string): Promise<string[]> {
  const names = new Set<string>();
  for (const layer of lowerDirs)
    for (const name of await readdir(path.join(layer, rel)).catch(() => [])) names.add(name);
  const present: string[] = [];
  for (const name of names) if (await inImage(lowerDirs, path.posix.join(rel, name))) present.push(name);
  return present;
}

export async function containerChanges(store: Store, input: string): Promise<ContainerChange[]> {
  const record = requireContainer(store.db, input);
  const image = getImageRecord(store.db, record.imageId);
  if (!image)
    throw new Error(
      `the image ${record.imageId.slice(0, 12)} of container ${record.name} is gone from the store: its changes cannot be computed`,
    );
  const lowerDirs = imageLowerDirs(store.paths, image);
  const upper = containerPaths(store.paths, record.id).upperDir;
  const opaque = await opaqueDirectories(upper);
  const changes: ContainerChange[] = [];
  const add = (kind: ChangeKind, rel: string) => {
    const shown = `/${rel}`;
    if (!RUNTIME_PATHS.has(shown)) changes.push({ kind, path: shown });
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(path.join(upper, dir)).catch(() => [] as string[]);
    for (const name of entries) {
      const rel = dir === '' ? name : `${dir}/${name}`;
      const info = await lstat(path.join(upper, rel)).catch(() => undefined);
      if (!info) continue;
      if (isOverlayWhiteout(info)) {
        if (await inImage(lowerDirs, rel)) add('D', rel);
        continue;
      }
      const existed = await inImage(lowerDirs, rel);
      add(existed ? 'C' : 'A', rel);
      if (!info.isDirectory()) continue;
      if (opaque.has(rel) && existed) {
        // An opaque directory hides everything the image had in it: what is not back is deleted.
        const kept = new Set(await readdir(path.join(upper, rel)));
        for (const child of await imageChildren(lowerDirs, rel))
          if (!kept.has(child)) add('D', `${rel}/${child}`);
      }
      await walk(rel);
    }
  };
  await walk('');
  return changes.sort((a, b) => byCodePoint(a.path, b.path));
}

/** podman's `diff --format json` shape: only the kinds that occur. */
export function changesAsJson(changes: readonly ContainerChange[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const key = { C: 'changed', A: 'added', D: 'deleted' } as const;
  for (const kind of ['C', 'A', 'D'] as const) {
    const paths = changes.filter((c) => c.kind === kind).map((c) => c.path);
    if (paths.length > 0) out[key[kind]] = paths;
  }
  return out;
}
