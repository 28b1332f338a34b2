import { describe, expect, it } from 'vitest';
import { timeAgo } from './format-time.js';

describe('timeAgo', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  const at = (secondsAgo: number) => now / 1000 - secondsAgo;
  it('prints the largest whole unit', () => {
    expect(timeAgo(at(3), now)).toBe('just now');
    expect(timeAgo(at(45), now)).toBe('45 seconds ago');
    expect(timeAgo(at(3600), now)).toBe('1 hour ago');
    expect(timeAgo(at(3 * 86400 + 5), now)).toBe('3 days ago');
    expect(timeAgo(at(400 * 86400), now)).toBe('1 year ago');
    expect(timeAgo(0, now)).toBe('unknown');
  });
});
