import { describe, expect, it } from 'vitest';
import {
  NoCommandError,
  envValue,
  expandHostEnvFlags,
  mergeEnv,
  parseEntrypointFlag,
  resolveProcessArgs,
} from './command-merge.js';

describe('resolveProcessArgs', () => {
  const image = { imageEntrypoint: ['/entry.sh'], imageCmd: ['serve', '--port', '80'] };

  it('uses the image entrypoint and cmd when the user gives neither', () => {
    expect(resolveProcessArgs(image)).toEqual(['/entry.sh', 'serve', '--port', '80']);
  });
  it('replaces the image cmd with the user command and keeps the entrypoint', () => {
    expect(resolveProcessArgs({ ...image, command: ['sh'] })).toEqual(['/entry.sh', 'sh']);
  });
  it('drops the image cmd when --entrypoint is given without a command', () => {
    expect(resolveProcessArgs({ ...image, entrypoint: ['/bin/true'] })).toEqual(['/bin/true']);
  });
  it('combines --entrypoint with the user command', () => {
    expect(resolveProcessArgs({ ...image, entrypoint: ['/bin/sh', '-c'], command: ['echo hi'] })).toEqual([
      '/bin/sh',
      '-c',
      'echo hi',
    ]);
  });
  it('treats --entrypoint "" as no entrypoint, and still drops the image cmd', () => {
    expect(resolveProcessArgs({ ...image, entrypoint: [''], command: ['ls'] })).toEqual(['ls']);
    expect(() => resolveProcessArgs({ ...image, entrypoint: [''] })).toThrow(NoCommandError);
  });
  it('uses the image cmd alone when there is no entrypoint', () => {
    expect(resolveProcessArgs({ imageCmd: ['sh'] })).toEqual(['sh']);
    expect(resolveProcessArgs({ imageEntrypoint: null, imageCmd: ['sh'], command: [] })).toEqual(['sh']);
  });
  it('fails clearly with nothing to run', () => {
    expect(() => resolveProcessArgs({})).toThrow(/no command or entrypoint/);
  });
});

describe('parseEntrypointFlag', () => {
  it('parses a JSON array', () => {
    expect(parseEntrypointFlag('["/bin/sh", "-c"]')).toEqual(['/bin/sh', '-c']);
  });
  it('keeps any other value as one word, spaces included', () => {
    expect(parseEntrypointFlag('/bin/sh -c')).toEqual(['/bin/sh -c']);
    expect(parseEntrypointFlag('[not json')).toEqual(['[not json']);
    expect(parseEntrypointFlag('')).toEqual(['']);
  });
});

describe('mergeEnv', () => {
  it('lets later layers override by name and keeps first positions', () => {
    expect(mergeEnv(['PATH=/bin', 'TERM=xterm'], ['A=1', 'PATH=/usr/bin'], ['TERM=dumb', 'B=2'])).toEqual([
      'PATH=/usr/bin',
      'TERM=dumb',
      'A=1',
      'B=2',
    ]);
  });
  it('keeps values containing = and empty values', () => {
    expect(mergeEnv(['X=a=b', 'E='])).toEqual(['X=a=b', 'E=']);
  });
  it('skips entries without a name or =', () => {
    expect(mergeEnv(['=x', 'BARE'], undefined, null)).toEqual([]);
  });
});

describe('expandHostEnvFlags', () => {
  const host = { HOME: '/root', LANG: 'C', LC_ALL: 'C.UTF-8', LC_TIME: 'x' };
  it('takes bare names from the host and drops missing ones', () => {
    expect(expandHostEnvFlags(['HOME', 'MISSING', 'A=1'], host)).toEqual(['HOME=/root', 'A=1']);
  });
  it('expands a trailing * as a prefix', () => {
    expect(expandHostEnvFlags(['LC_*'], host)).toEqual(['LC_ALL=C.UTF-8', 'LC_TIME=x']);
  });
});

describe('envValue', () => {
  it('finds the last value of a name', () => {
    expect(envValue(['A=1', 'HOME=/x', 'A=2'], 'A')).toBe('2');
    expect(envValue(['AB=1'], 'A')).toBeUndefined();
  });
});
