import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInRootfs } from './rootfs-path.js';
import { resolveUser } from './user-resolve.js';

let base: string;
let rootfs: string;
let hostile: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'berth-user-'));
  rootfs = path.join(base, 'rootfs');
  mkdirSync(path.join(rootfs, 'etc'), { recursive: true });
  writeFileSync(
    path.join(rootfs, 'etc/passwd'),
    [
      'root:x:0:0:root:/root:/bin/sh',
      'tester:x:1000:1000:tester:/home/tester:/bin/sh',
      '# comment',
      'broken',
    ].join('\n'),
  );
  writeFileSync(
    path.join(rootfs, 'etc/group'),
    ['root:x:0:', 'tester:x:1000:', 'staff:x:50:tester,other', 'audio:x:29:'].join('\n'),
  );
  // A rootfs whose /etc/passwd points at a host file: it must be read inside the rootfs.
  hostile = path.join(base, 'hostile');
  mkdirSync(path.join(hostile, 'etc'), { recursive: true });
  mkdirSync(path.join(base, 'host-etc'));
  writeFileSync(path.join(base, 'host-etc/passwd'), 'evil:x:4242:4242::/:/bin/sh\n');
  symlinkSync(path.join(base, 'host-etc/passwd'), path.join(hostile, 'etc/passwd'));
  symlinkSync('../../../../host-etc/passwd', path.join(hostile, 'etc/group'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveUser', () => {
  it('defaults to root with root home', () => {
    expect(resolveUser(rootfs, undefined)).toEqual({ uid: 0, gid: 0, additionalGids: [], home: '/root' });
  });
  it('resolves a name with its primary and supplementary groups', () => {
    expect(resolveUser(rootfs, 'tester')).toEqual({
      uid: 1000,
      gid: 1000,
      additionalGids: [50],
      home: '/home/tester',
    });
  });
  it('resolves a numeric uid through passwd', () => {
    expect(resolveUser(rootfs, '1000').gid).toBe(1000);
  });
  it('accepts an unknown numeric uid with gid 0 and home /', () => {
    expect(resolveUser(rootfs, '4321')).toEqual({ uid: 4321, gid: 0, additionalGids: [], home: '/' });
  });
  it('takes an explicit group by name or number, without supplementary groups', () => {
    expect(resolveUser(rootfs, 'tester:audio')).toMatchObject({ uid: 1000, gid: 29, additionalGids: [] });
    expect(resolveUser(rootfs, '12:34')).toMatchObject({ uid: 12, gid: 34 });
  });
  it('adds --group-add groups', () => {
    expect(resolveUser(rootfs, 'root', ['audio', '7']).additionalGids).toEqual([29, 7]);
  });
  it('fails clearly on unknown names', () => {
    expect(() => resolveUser(rootfs, 'nobody')).toThrow(/unable to find user nobody/);
    expect(() => resolveUser(rootfs, 'tester:nogroup')).toThrow(/unable to find group nogroup/);
  });
  it('never reads host files through symlinks in the rootfs', () => {
    expect(() => resolveUser(hostile, 'evil')).toThrow(/unable to find user evil/);
    expect(() => resolveUser(hostile, '0:evil')).toThrow(/unable to find group evil/);
  });
});

describe('resolveInRootfs', () => {
  it('keeps absolute and relative link targets inside the rootfs', () => {
    expect(resolveInRootfs(hostile, '/etc/passwd')).toBe(path.join(hostile, base, 'host-etc/passwd'));
    expect(resolveInRootfs(hostile, '/etc/group')).toBe(path.join(hostile, 'host-etc/passwd'));
  });
  it('clamps .. at the root', () => {
    expect(resolveInRootfs(rootfs, '/../../etc/./passwd')).toBe(path.join(rootfs, 'etc/passwd'));
    expect(resolveInRootfs(rootfs, 'missing/../../x')).toBe(path.join(rootfs, 'x'));
  });
  it('stops symlink loops', () => {
    const loop = path.join(base, 'loop');
    mkdirSync(loop);
    symlinkSync('/a', path.join(loop, 'a'));
    expect(() => resolveInRootfs(loop, '/a/x')).toThrow(/too many levels/);
  });
});
