import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './go-duration.js';

describe('formatGoDuration', () => {
  it('prints durations as Go does', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(999)).toBe('999ns');
    expect(formatGoDuration(1_500)).toBe('1.5µs');
    expect(formatGoDuration(120_866_296)).toBe('120.866296ms');
    expect(formatGoDuration(1_491_643_768)).toBe('1.491643768s');
    expect(formatGoDuration(2_000_000_000)).toBe('2s');
    expect(formatGoDuration(125_000_000_000n)).toBe('2m5s');
    expect(formatGoDuration(3_600_000_000_000n)).toBe('1h0m0s');
    expect(formatGoDuration(-1_000_000_000)).toBe('-1s');
  });
});
