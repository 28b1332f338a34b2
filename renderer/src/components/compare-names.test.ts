import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.js';

const sorted = (names: string[]) => [...names].sort(compareNames);

describe('compareNames', () => {
  it('orders digit runs by value', () => {
    expect(sorted(['web-10', 'web-2', 'web-1', 'web-02x'])).toEqual(['web-1', 'web-2', 'web-02x', 'web-10']);
    expect(sorted(['a100', 'a99', 'a0100b'])).toEqual(['a99', 'a100', 'a0100b']);
  });

  it('ignores case, then keeps a fixed order for names differing only in case', () => {
    expect(sorted(['beta', 'Alpha', 'alpha', 'Gamma'])).toEqual(['Alpha', 'alpha', 'beta', 'Gamma']);
  });

  it('puts a prefix before the longer name and is consistent both ways', () => {
    expect(sorted(['redis-cache', 'redis', 'redis-1'])).toEqual(['redis', 'redis-1', 'redis-cache']);
    for (const [a, b] of [
      ['x1', 'x01'],
      ['a', 'B'],
      ['n9', 'n10'],
    ] as const) {
      expect(Math.sign(compareNames(a, b))).toBe(-Math.sign(compareNames(b, a)));
      expect(compareNames(a, b)).not.toBe(0);
    }
    expect(compareNames('same', 'same')).toBe(0);
  });
});
