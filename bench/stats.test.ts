import { describe, expect, it } from 'vitest';
import { median, medianPairRatio } from './stats.js';

describe('bench stats', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('takes the median of pairwise ratios, not the ratio of medians', () => {
    expect(medianPairRatio([10, 20, 30], [20, 20, 60])).toBe(0.5);
  });
});
