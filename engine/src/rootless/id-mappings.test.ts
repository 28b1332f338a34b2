import { describe, expect, it } from 'vitest';
import { subordinateRange } from './id-mappings.js';

const file = 'alice:100000:65536\n1002:300000:1000\nbob:200000:0\n';
const read = () => file;

describe('subordinateRange', () => {
  it('finds the first range of a user by name or by uid', () => {
    expect(subordinateRange('/etc/subuid', { name: 'alice', id: 1001 }, read)).toEqual({
      start: 100000,
      count: 65536,
    });
    expect(subordinateRange('/etc/subuid', { name: 'carol', id: 1002 }, read)).toEqual({
      start: 300000,
      count: 1000,
    });
  });

  it('has no range for unknown users, empty ranges or a missing file', () => {
    expect(subordinateRange('/etc/subuid', { name: 'dave', id: 1003 }, read)).toBeUndefined();
    expect(subordinateRange('/etc/subuid', { name: 'bob', id: 1004 }, read)).toBeUndefined();
    expect(
      subordinateRange('/etc/subuid', { name: 'alice', id: 1001 }, () => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
  });
});
