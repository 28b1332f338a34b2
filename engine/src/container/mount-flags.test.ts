import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { MountFlagError, parseMountFlag, parseTmpfsFlag, parseVolumeFlag } from './mount-flags.js';
import { parseByteSize } from './size-units.js';

describe('parseVolumeFlag', () => {
  it('reads binds with options, named and anonymous volumes', () => {
    const tmp = os.tmpdir();
    expect(parseVolumeFlag(`${tmp}:/data:ro,z`)).toEqual({
      type: 'bind',
      source: tmp,
      destination: '/data',
      readonly: true,
      options: ['ro', 'z'],
    });
    expect(parseVolumeFlag('cache:/var/cache/')).toMatchObject({
      type: 'volume',
      name: 'cache',
      anonymous: false,
      destination: '/var/cache',
    });
    const anon = parseVolumeFlag('/scratch');
    expect(anon).toMatchObject({ type: 'volume', anonymous: true, destination: '/scratch' });
    expect((anon as { name: string }).name).toMatch(/^[0-9a-f]{64}$/);
    expect(parseVolumeFlag('./:/x', '/tmp')).toMatchObject({ type: 'bind', source: '/tmp' });
  });

  it('refuses what podman refuses', () => {
    expect(() => parseVolumeFlag('/definitely/not/here:/x')).toThrow(
      /statfs \/definitely\/not\/here: no such file or directory/,
    );
    expect(() => parseVolumeFlag('vol:relative')).toThrow(MountFlagError);
    expect(() => parseVolumeFlag('a:b:c:d')).toThrow(/invalid volume specification/);
    expect(() => parseVolumeFlag('bad name:/x')).toThrow(/invalid volume name/);
  });
});

describe('parseMountFlag and parseTmpfsFlag', () => {
  it('reads the three mount types', () => {
    expect(parseMountFlag(`type=bind,source=${os.tmpdir()},target=/t,readonly`)).toMatchObject({
      type: 'bind',
      readonly: true,
      destination: '/t',
    });
    expect(parseMountFlag('type=volume,src=v1,dst=/v')).toMatchObject({
      type: 'volume',
      name: 'v1',
      anonymous: false,
    });
    expect(parseMountFlag('type=tmpfs,target=/run/x,tmpfs-size=1m')).toEqual({
      type: 'tmpfs',
      destination: '/run/x',
      options: ['size=1m'],
    });
    expect(parseTmpfsFlag('/tmp:rw,size=64m')).toEqual({
      type: 'tmpfs',
      destination: '/tmp',
      options: ['rw', 'size=64m'],
    });
    expect(() => parseMountFlag('type=nfs,target=/x')).toThrow(/unsupported mount type/);
    expect(() => parseMountFlag('type=bind,source=/tmp')).toThrow(/target=PATH/);
  });
});

describe('parseByteSize', () => {
  it('uses binary units', () => {
    expect(parseByteSize('512m', '--memory')).toBe(512 * 1024 * 1024);
    expect(parseByteSize('1G', '--memory')).toBe(1024 ** 3);
    expect(parseByteSize('100', '--memory')).toBe(100);
    expect(parseByteSize('6mb', '--memory')).toBe(6 * 1024 * 1024);
    expect(() => parseByteSize('lots', '--memory')).toThrow(/invalid size "lots" for --memory/);
  });
});
