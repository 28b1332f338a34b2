import { describe, expect, it } from 'vitest';
import { humanDuration, humanSize, timeAgo } from './human-units.js';

describe('human units (go-units)', () => {
  it('formats sizes with three significant digits and decimal units', () => {
    expect(humanSize(2133189)).toBe('2.13 MB');
    expect(humanSize(4232)).toBe('4.23 kB');
    expect(humanSize(2560)).toBe('2.56 kB');
    expect(humanSize(0)).toBe('0 B');
    expect(humanSize(4_500_000)).toBe('4.5 MB');
    expect(humanSize(999)).toBe('999 B');
  });

  it('formats durations as podman does', () => {
    const h = 3_600_000;
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(45_000)).toBe('45 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(h)).toBe('About an hour');
    expect(humanDuration(30 * h)).toBe('30 hours');
    expect(humanDuration(15 * 24 * h)).toBe('2 weeks');
    expect(humanDuration(90 * 24 * h)).toBe('3 months');
    expect(timeAgo('2024-01-01T00:00:00Z', Date.parse('2026-06-01T00:00:00Z'))).toBe('2 years ago');
    expect(timeAgo('')).toBe('');
  });
});
