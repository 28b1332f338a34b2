import { describe, expect, it } from 'vitest';
import { randomBytes, randomInt } from './random.js';

describe('randomBytes', () => {
  it('gives the length asked for, different each time', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    expect(randomBytes(0)).toHaveLength(0);
  });
});

describe('randomInt', () => {
  it('stays in [min, max) and reaches every value', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = randomInt(3, 8);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThan(8);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(randomInt(1)).toBe(0);
  });

  it('refuses an empty or oversized range', () => {
    expect(() => randomInt(5, 5)).toThrow(RangeError);
    expect(() => randomInt(0, 2 ** 33)).toThrow(RangeError);
    expect(() => randomInt(1.5)).toThrow(RangeError);
  });
});
