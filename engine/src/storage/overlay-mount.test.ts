import { mkdtempSync, readlinkSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMountInfo } from './mountinfo.js';
import { ensureLayerLink, overlayOptions, shortLinkName } from './overlay-mount.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'berth-ovl-unit-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('short layer links', () => {
  it('are stable, short, and point at the layer', () => {
    const layer = path.join(root, 'layers/abc/diff');
    expect(shortLinkName(layer)).toMatch(/^[A-Z2-7]{16}$/);
    expect(shortLinkName(layer)).toBe(shortLinkName(`${layer}/`));
    const rel = ensureLayerLink(root, layer);
    expect(rel).toBe(`l/${shortLinkName(layer)}`);
    expect(readlinkSync(path.join(root, rel))).toBe(layer);
    expect(ensureLayerLink(root, layer)).toBe(rel); // reused
  });
  it('spread: ten thousand layer paths get ten thousand names', () => {
    const names = new Set<string>();
    for (let i = 0; i < 10_000; i++)
      names.add(shortLinkName(`/var/lib/berth/overlay-layers/${i.toString(16)}/diff`));
    expect(names.size).toBe(10_000);
    expect(shortLinkName('/a/diff')).not.toBe(shortLinkName('/b/diff'));
  });
  it('refuse a stale link that points elsewhere', () => {
    const layer = path.join(root, 'layers/other/diff');
    mkdirSync(path.join(root, 'l'), { recursive: true });
    symlinkSync('/somewhere/else', path.join(root, 'l', shortLinkName(layer)));
    expect(() => ensureLayerLink(root, layer)).toThrow(/points at \/somewhere\/else/);
  });
});

describe('overlayOptions', () => {
  it('lists lower dirs uppermost first through links, upper/work relative to the overlay root', () => {
    const [a, b] = [path.join(root, 'layers/a/diff'), path.join(root, 'layers/b/diff')];
    const options = overlayOptions({
      overlayRoot: root,
      lowerDirs: [a, b],
      upperDir: path.join(root, 'c1/diff'),
      workDir: path.join(root, 'c1/work'),
      target: path.join(root, 'c1/merged'),
      options: ['nodev'],
    });
    expect(options).toBe(
      `lowerdir=l/${shortLinkName(a)}:l/${shortLinkName(b)},upperdir=c1/diff,workdir=c1/work,nodev`,
    );
  });
  it('keeps absolute paths for dirs outside the overlay root', () => {
    const options = overlayOptions({
      overlayRoot: root,
      lowerDirs: [path.join(root, 'x')],
      upperDir: '/elsewhere/u',
      workDir: '/elsewhere/w',
      target: '/m',
    });
    expect(options).toContain('upperdir=/elsewhere/u,workdir=/elsewhere/w');
  });
});

describe('parseMountInfo', () => {
  it('reads mount points (unescaping spaces) and overlay options', () => {
    const [m] = parseMountInfo(
      '46 27 0:39 / /tmp/a\\040b rw,relatime shared:1 - overlay overlay rw,lowerdir=l/A:l/B,upperdir=up,workdir=work\n',
    );
    expect(m).toEqual({
      mountPoint: '/tmp/a b',
      options: 'rw,relatime',
      fsType: 'overlay',
      source: 'overlay',
      superOptions: 'rw,lowerdir=l/A:l/B,upperdir=up,workdir=work',
    });
  });
});
