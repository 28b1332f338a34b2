// Kernel overlayfs mounts for container roots: layer order, whiteouts, opaque directories,
// deep images through short links, and unmounting (busy included), checked in mountinfo.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMount } from '../../engine/src/storage/mountinfo.js';
import { isMounted, mountOverlay, unmountOverlay } from '../../engine/src/storage/overlay-mount.js';

const isRoot = process.getuid?.() === 0;
let base: string;
const mounted: string[] = [];

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'berth-ovl-'));
});
afterAll(async () => {
  for (const m of mounted) await unmountOverlay(m).catch(() => undefined);
  const leaked = mounted.filter((m) => isMounted(m));
  rmSync(base, { recursive: true, force: true });
  expect(leaked).toEqual([]);
});

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function isWhiteout(file: string): boolean {
  const st = statSync(file);
  return st.isCharacterDevice() && st.rdev === 0;
}

describe.skipIf(!isRoot)('overlay mounts', () => {
  it('stacks three layers with a whiteout device and an opaque directory', async () => {
    const root = path.join(base, 'three');
    const l1 = path.join(root, 'layers/1/diff');
    const l2 = path.join(root, 'layers/2/diff');
    const l3 = path.join(root, 'layers/3/diff');
    write(path.join(l1, 'a/keep'), 'keep');
    write(path.join(l1, 'a/drop'), 'drop');
    write(path.join(l1, 'dir/old1'), 'old1');
    write(path.join(l1, 'dir/old2'), 'old2');
    write(path.join(l1, 'base'), 'base');
    // Layer 2: an explicit whiteout, the form layer extraction writes for `.wh.drop`.
    write(path.join(l2, 'l2file'), 'from layer 2');
    mkdirSync(path.join(l2, 'a'));
    execFileSync('mknod', [path.join(l2, 'a/drop'), 'c', '0', '0']);
    // Layer 3: let the kernel write an opaque directory and a whiteout into an upper dir, exactly
    // as it does for a container that is then committed.
    const staging = path.join(root, 'staging');
    await mountOverlay({
      overlayRoot: root,
      lowerDirs: [l2, l1],
      upperDir: l3,
      workDir: path.join(root, 'stage-work'),
      target: staging,
    });
    mounted.push(staging);
    rmSync(path.join(staging, 'dir'), { recursive: true });
    mkdirSync(path.join(staging, 'dir'));
    writeFileSync(path.join(staging, 'dir/new'), 'new');
    rmSync(path.join(staging, 'base'));
    await unmountOverlay(staging);
    expect(isWhiteout(path.join(l3, 'base'))).toBe(true);
    expect(readdirSync(path.join(l3, 'dir'))).toEqual(['new']); // opaque: the old entries are hidden by an xattr, not listed

    const merged = path.join(root, 'merged');
    await mountOverlay({
      overlayRoot: root,
      lowerDirs: [l3, l2, l1],
      upperDir: path.join(root, 'upper'),
      workDir: path.join(root, 'work'),
      target: merged,
    });
    mounted.push(merged);
    const info = findMount(merged)!;
    expect(info.fsType).toBe('overlay');
    // Mounted through short links relative to the overlay root.
    expect(info.superOptions).toMatch(/lowerdir=l\/[A-Z2-7]{16}:l\/[A-Z2-7]{16}:l\/[A-Z2-7]{16}/);
    expect(readFileSync(path.join(merged, 'a/keep'), 'utf8')).toBe('keep');
    expect(existsSync(path.join(merged, 'a/drop'))).toBe(false);
    expect(readdirSync(path.join(merged, 'dir'))).toEqual(['new']);
    expect(existsSync(path.join(merged, 'base'))).toBe(false);
    expect(readFileSync(path.join(merged, 'l2file'), 'utf8')).toBe('from layer 2');
    // Writes land in the container's upper dir; the layers stay as they were.
    writeFileSync(path.join(merged, 'a/keep'), 'changed');
    expect(readFileSync(path.join(root, 'upper/a/keep'), 'utf8')).toBe('changed');
    expect(readFileSync(path.join(l1, 'a/keep'), 'utf8')).toBe('keep');

    await unmountOverlay(merged);
    expect(isMounted(merged)).toBe(false);
    await unmountOverlay(merged); // unmounting twice is fine
  });

  it('mounts 150 layers whose absolute paths would not fit in a page', async () => {
    const root = path.join(base, 'deep');
    const layers: string[] = [];
    for (let i = 0; i < 150; i++) {
      const dir = path.join(
        root,
        'layers',
        `layer-with-a-long-identifier-${String(i).padStart(4, '0')}`,
        'diff',
      );
      write(path.join(dir, `file${i}`), String(i));
      layers.unshift(dir);
    }
    expect(layers.join(':').length).toBeGreaterThan(4096);
    const merged = path.join(root, 'merged');
    await mountOverlay({
      overlayRoot: root,
      lowerDirs: layers,
      upperDir: path.join(root, 'upper'),
      workDir: path.join(root, 'work'),
      target: merged,
    });
    mounted.push(merged);
    expect(readdirSync(merged)).toHaveLength(150);
    await unmountOverlay(merged);
    expect(isMounted(merged)).toBe(false);
  });

  it('falls back to a lazy unmount when the mount stays busy', async () => {
    const root = path.join(base, 'busy');
    const lower = path.join(root, 'lower');
    write(path.join(lower, 'f'), 'x');
    const merged = path.join(root, 'merged');
    await mountOverlay({
      overlayRoot: root,
      lowerDirs: [lower],
      upperDir: path.join(root, 'upper'),
      workDir: path.join(root, 'work'),
      target: merged,
    });
    mounted.push(merged);
    const holder = spawn('sleep', ['30'], { cwd: merged, stdio: 'ignore' });
    try {
      await unmountOverlay(merged, { retries: 1, retryDelayMs: 5 });
      expect(isMounted(merged)).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('explains what is wrong with a bad request', async () => {
    await expect(
      mountOverlay({ overlayRoot: base, lowerDirs: [], target: path.join(base, 'none') }),
    ).rejects.toThrow(/no layers given/);
    await expect(
      mountOverlay({
        overlayRoot: base,
        lowerDirs: [path.join(base, 'missing')],
        upperDir: path.join(base, 'u'),
        workDir: path.join(base, 'w'),
        target: path.join(base, 'bad'),
      }),
    ).rejects.toThrow(/mounting the overlay at .*bad failed/);
  });
});
