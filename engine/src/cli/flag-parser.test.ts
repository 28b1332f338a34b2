import { describe, expect, it } from 'vitest';
import type { FlagSpec } from './command-spec.js';
import { FlagParser } from './flag-parser.js';
import { CliError } from './usage-error.js';

const specs: FlagSpec[] = [
  { name: 'detach', short: 'd', type: 'bool', help: '' },
  { name: 'interactive', short: 'i', type: 'bool', help: '' },
  { name: 'tty', short: 't', type: 'bool', help: '' },
  { name: 'name', type: 'string', help: '' },
  { name: 'env', short: 'e', type: 'stringArray', help: '' },
  { name: 'cap-add', type: 'stringSlice', help: '' },
  { name: 'publish', short: 'p', type: 'stringArray', help: '' },
  { name: 'timeout', type: 'int', help: '' },
  { name: 'format', type: 'string', default: 'table', help: '' },
];
const parser = new FlagParser(specs);

describe('FlagParser (pflag rules)', () => {
  it('parses long flags with = or a separate value, and clustered shorthands', () => {
    const r = parser.parse(['-dit', '--name=web', '--env', 'A=1', '-eB=2', '-p', '8080:80', 'busybox']);
    expect(r.flags.bool('detach') && r.flags.bool('interactive') && r.flags.bool('tty')).toBe(true);
    expect(r.flags.string('name')).toBe('web');
    expect(r.flags.list('env')).toEqual(['A=1', 'B=2']);
    expect(r.flags.list('publish')).toEqual(['8080:80']);
    expect(r.positionals).toEqual(['busybox']);
  });

  it('keeps commas in stringArray and splits them in stringSlice', () => {
    const r = parser.parse(['-e', 'LIST=a,b', '--cap-add', 'NET_ADMIN,SYS_TIME', '--cap-add=CHOWN']);
    expect(r.flags.list('env')).toEqual(['LIST=a,b']);
    expect(r.flags.list('cap-add')).toEqual(['NET_ADMIN', 'SYS_TIME', 'CHOWN']);
  });

  it('accepts --bool=false and -d=false', () => {
    expect(parser.parse(['--detach=false']).flags.bool('detach')).toBe(false);
    expect(parser.parse(['-d=false']).flags.bool('detach')).toBe(false);
    expect(() => parser.parse(['--detach=maybe'])).toThrow(/invalid argument "maybe"/);
  });

  it('stops at the first positional when not interspersed, and at --', () => {
    const r = parser.parse(['-d', 'busybox', 'ls', '-l', '--name', 'x'], false);
    expect(r.positionals).toEqual(['busybox', 'ls', '-l', '--name', 'x']);
    expect(r.flags.has('name')).toBe(false);
    expect(parser.parse(['--', '-d']).positionals).toEqual(['-d']);
  });

  it('keeps defaults and tracks which flags were set', () => {
    const r = parser.parse([]);
    expect(r.flags.string('format')).toBe('table');
    expect(r.flags.has('format')).toBe(false);
    expect(parser.parse(['--format', 'json']).flags.has('format')).toBe(true);
  });

  it('parses integers and rejects non-integers', () => {
    expect(parser.parse(['--timeout', '5']).flags.int('timeout')).toBe(5);
    expect(() => parser.parse(['--timeout', 'soon'])).toThrow(CliError);
  });

  it('reports unknown flags and missing values as pflag does', () => {
    expect(() => parser.parse(['--nope'])).toThrow('unknown flag: --nope');
    expect(() => parser.parse(['-x'])).toThrow("unknown shorthand flag: 'x' in -x");
    expect(() => parser.parse(['--name'])).toThrow('flag needs an argument: --name');
    expect(() => parser.parse(['-e'])).toThrow("flag needs an argument: 'e' in -e");
  });

  it('recognises --help and -h when the command has no such flag', () => {
    expect(parser.parse(['--help']).help).toBe(true);
    expect(parser.parse(['-h']).help).toBe(true);
  });
});
