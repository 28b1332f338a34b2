import { describe, expect, it } from 'vitest';
import { parseKeyValueList, parseLocalVolumeOptions, volumeNeedsMount } from './volume-options.js';
import { validateVolumeName, anonymousVolumeName } from './volume-names.js';

describe('volume names', () => {
  it("accepts podman's names and refuses the rest", () => {
    for (const ok of ['data', 'a', '0x', 'my_vol.1-b']) expect(() => validateVolumeName(ok)).not.toThrow();
    for (const bad of ['', '-x', '.hidden', 'a/b', '../x', 'sp ace', '_x'])
      expect(() => validateVolumeName(bad)).toThrow(/names must match/);
    expect(anonymousVolumeName()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('local driver options', () => {
  it('reads KEY=VALUE lists as podman (bare keys map to "")', () => {
    expect(parseKeyValueList(['a=b', 'c', 'd=e=f'])).toEqual({ a: 'b', c: '', d: 'e=f' });
    expect(() => parseKeyValueList(['=x'])).toThrow(/expected KEY=VALUE/);
  });

  it('derives UID/GID and keeps the mount options', () => {
    expect(
      parseLocalVolumeOptions({ type: 'tmpfs', device: 'tmpfs', o: 'uid=1000,gid=100,nodev,size=10m' }),
    ).toEqual({
      options: {
        type: 'tmpfs',
        device: 'tmpfs',
        o: 'uid=1000,gid=100,nodev,size=10m',
        UID: '1000',
        GID: '100',
        SIZE: '10m',
      },
      uid: 1000,
      gid: 100,
    });
    expect(parseLocalVolumeOptions({ o: 'noquota,timeout=5' }).options).toEqual({ NOQUOTA: 'true' });
  });

  it('refuses what the local driver cannot do', () => {
    expect(() => parseLocalVolumeOptions({ colour: 'blue' })).toThrow(
      /invalid mount option colour for driver 'local'/,
    );
    expect(() => parseLocalVolumeOptions({ o: 'uid=abc' })).toThrow(/uid option must provide a number/);
    expect(() => parseLocalVolumeOptions({ o: 'size=1g' })).toThrow(/project quotas/);
    expect(() => parseLocalVolumeOptions({ type: 'bind', device: '/no/such/dir' })).toThrow(/does not exist/);
  });

  it('needs a mount only for options beyond the bookkeeping ones (podman needsMount)', () => {
    expect(volumeNeedsMount('local', {})).toBe(false);
    expect(volumeNeedsMount('local', { o: 'uid=1000', UID: '1000' })).toBe(false);
    expect(volumeNeedsMount('local', { nocopy: '' })).toBe(false);
    expect(volumeNeedsMount('local', { type: 'tmpfs', device: 'tmpfs' })).toBe(true);
    expect(volumeNeedsMount('local', { type: 'tmpfs', device: 'tmpfs', o: 'uid=1', UID: '1' })).toBe(true);
  });
});
