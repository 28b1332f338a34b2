import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySpecialOperations, getXattr } from '../image/special-files.js';
import { openStore, type Store } from '../state/store.js';
import { createVolume } from './volume-create.js';
import { copyUpVolume } from './volume-copy-up.js';
import { getVolumeRecord } from './volume-records.js';
import { copyTreeContents, openDirectoryNoFollow } from './tree-copy.js';

const isRoot = process.getuid?.() === 0;
let base: string;
let store: Store;
let image: string;
let outside: string;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'berth-copyup-'));
  store = openStore({ root: path.join(base, 'root'), runroot: path.join(base, 'run') });
  // A stand-in for a container's mounted root filesystem, with content at /var/lib/app.
  image = path.join(base, 'rootfs');
  outside = path.join(base, 'host-secrets');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'shadow'), 'host secret');
  const app = path.join(image, 'var/lib/app');
  mkdirSync(path.join(app, 'conf.d'), { recursive: true });
  writeFileSync(path.join(app, 'data.db'), 'rows');
  writeFileSync(path.join(app, 'conf.d', 'main.conf'), 'port=80');
  writeFileSync(path.join(app, 'helper'), '#!/bin/sh\n');
  chmodSync(path.join(app, 'helper'), 0o4755);
  utimesSync(path.join(app, 'data.db'), 1_600_000_000, 1_600_000_000);
  // Links that would lead out of the image if they were followed.
  symlinkSync(outside, path.join(app, 'absolute-escape'));
  symlinkSync('../../../../host-secrets', path.join(app, 'relative-escape'));
  symlinkSync('conf.d/main.conf', path.join(app, 'inside-link'));
  if (isRoot) {
    chownSync(path.join(app, 'data.db'), 1234, 5678);
    chownSync(path.join(app, 'conf.d'), 33, 33);
    lchownSync(path.join(app, 'inside-link'), 7, 8);
    chownSync(app, 1000, 1000);
  }
  chmodSync(app, 0o770);
});
afterEach(() => {
  store.close();
  rmSync(base, { recursive: true, force: true });
});

describe('copyUpVolume', () => {
  it("copies the image's content into an empty volume, keeping modes, owners, times and links", async () => {
    const { volume } = await createVolume(store, { name: 'app' });
    const result = await copyUpVolume(store, 'app', path.join(image, 'var/lib/app'));
    expect(result.copied).toBe(true);
    expect(result.summary).toMatchObject({ files: 3, directories: 1, symlinks: 3, skipped: [] });
    const data = volume.mountpoint;
    expect(readdirSync(data).sort()).toEqual(
      ['absolute-escape', 'conf.d', 'data.db', 'helper', 'inside-link', 'relative-escape'].sort(),
    );
    expect(readFileSync(path.join(data, 'conf.d/main.conf'), 'utf8')).toBe('port=80');
    expect(statSync(path.join(data, 'helper')).mode & 0o7777).toBe(0o4755);
    expect(statSync(path.join(data, 'data.db')).mtimeMs).toBe(1_600_000_000_000);
    // Links are copied as links, never resolved: nothing of the host came in.
    expect(readlinkSync(path.join(data, 'absolute-escape'))).toBe(outside);
    expect(readlinkSync(path.join(data, 'relative-escape'))).toBe('../../../../host-secrets');
    expect(lstatSync(path.join(data, 'absolute-escape')).isSymbolicLink()).toBe(true);
    // The volume takes the destination directory's mode (and owner).
    expect(statSync(data).mode & 0o7777).toBe(0o770);
    if (isRoot) {
      expect(statSync(path.join(data, 'data.db'))).toMatchObject({ uid: 1234, gid: 5678 });
      expect(statSync(path.join(data, 'conf.d'))).toMatchObject({ uid: 33, gid: 33 });
      expect(lstatSync(path.join(data, 'inside-link'))).toMatchObject({ uid: 7, gid: 8 });
      expect(statSync(data)).toMatchObject({ uid: 1000, gid: 1000 });
    }
    expect(getVolumeRecord(store.db, 'app')).toMatchObject({ needsCopyUp: false, needsChown: false });
    // Only the first use copies.
    rmSync(path.join(data, 'data.db'));
    expect((await copyUpVolume(store, 'app', path.join(image, 'var/lib/app'))).copied).toBe(false);
    expect(existsSync(path.join(data, 'data.db'))).toBe(false);
  });

  it('never copies into a volume that already has content', async () => {
    const { volume } = await createVolume(store, { name: 'filled' });
    symlinkSync(outside, path.join(volume.mountpoint, 'conf.d'));
    expect((await copyUpVolume(store, 'filled', path.join(image, 'var/lib/app'))).copied).toBe(false);
    expect(readdirSync(outside)).toEqual(['shadow']);
    expect(getVolumeRecord(store.db, 'filled')).toMatchObject({ needsCopyUp: true, needsChown: false });
  });

  it('refuses a source that is itself a symlink, and honours nocopy', async () => {
    symlinkSync(outside, path.join(image, 'var/lib/link-to-host'));
    await createVolume(store, { name: 'v1' });
    expect((await copyUpVolume(store, 'v1', path.join(image, 'var/lib/link-to-host'))).copied).toBe(false);
    expect(readdirSync(getVolumeRecord(store.db, 'v1')!.mountpoint)).toEqual([]);
    await createVolume(store, { name: 'v2', options: { nocopy: '' } });
    expect((await copyUpVolume(store, 'v2', path.join(image, 'var/lib/app'))).copied).toBe(false);
    await createVolume(store, { name: 'v3' });
    expect((await copyUpVolume(store, 'v3', path.join(image, 'var/lib/app'), { nocopy: true })).copied).toBe(
      false,
    );
  });

  it.runIf(isRoot)(
    "gives the volume the container user's ownership when the image has nothing there",
    async () => {
      const { volume } = await createVolume(store, { name: 'empty' });
      const result = await copyUpVolume(store, 'empty', path.join(image, 'no/such/dir'), {
        owner: { uid: 4000, gid: 4001 },
      });
      expect(result.copied).toBe(false);
      expect(statSync(volume.mountpoint)).toMatchObject({ uid: 4000, gid: 4001 });
      // Still waiting for content from a later container, as podman.
      expect(getVolumeRecord(store.db, 'empty')?.needsCopyUp).toBe(true);
    },
  );
});

describe('copy-up of extended attributes', () => {
  it('keeps file capabilities and user attributes, nested too', async (context) => {
    const app = path.join(image, 'var/lib/app');
    // security.capability v2 for cap_net_raw (as `setcap cap_net_raw+ep` writes it).
    const capability = Buffer.from('0100000200200000000000000000000000000000', 'hex');
    try {
      await applySpecialOperations([
        {
          op: 'setxattr',
          path: path.join(app, 'data.db'),
          name: 'user.berth.test',
          value: Buffer.from('hello'),
        },
        {
          op: 'setxattr',
          path: path.join(app, 'conf.d', 'main.conf'),
          name: 'user.nested',
          value: Buffer.from('deep'),
        },
        ...(isRoot
          ? [
              {
                op: 'setxattr' as const,
                path: path.join(app, 'helper'),
                name: 'security.capability',
                value: capability,
              },
            ]
          : []),
      ]);
    } catch (error) {
      context.skip(`this file system takes no user extended attributes: ${(error as Error).message}`);
    }
    const { volume } = await createVolume(store, { name: 'attrs' });
    const result = await copyUpVolume(store, 'attrs', app);
    expect(result.xattrs?.copied).toBe(isRoot ? 3 : 2);
    expect(getXattr(path.join(volume.mountpoint, 'data.db'), 'user.berth.test')?.toString()).toBe('hello');
    expect(getXattr(path.join(volume.mountpoint, 'conf.d', 'main.conf'), 'user.nested')?.toString()).toBe(
      'deep',
    );
    if (isRoot)
      expect(getXattr(path.join(volume.mountpoint, 'helper'), 'security.capability')).toEqual(capability);
  });
});

describe('copyTreeContents', () => {
  it('fails rather than write through a symlink planted in the target', () => {
    const source = path.join(base, 'src');
    mkdirSync(path.join(source, 'etc'), { recursive: true });
    writeFileSync(path.join(source, 'etc', 'passwd'), 'evil');
    const target = path.join(base, 'dst');
    mkdirSync(target);
    symlinkSync(outside, path.join(target, 'etc'));
    const s = openDirectoryNoFollow(source);
    const t = openDirectoryNoFollow(target);
    try {
      expect(() => copyTreeContents(s, t)).toThrow(/EEXIST/);
    } finally {
      closeSync(s);
      closeSync(t);
    }
    expect(readdirSync(outside)).toEqual(['shadow']);
  });

  it('refuses to open a symlink as the source or target directory', () => {
    const link = path.join(base, 'link');
    symlinkSync(outside, link);
    expect(() => openDirectoryNoFollow(link)).toThrow(/ELOOP|ENOTDIR/);
  });
});
