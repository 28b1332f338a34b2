import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseTimeFilter } from './time-filter.js';

describe('parseTimeFilter', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('reads durations back from now', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseTimeFilter('10m', '--since', now)).toBe(BigInt(now - 600_000) * 1_000_000n);
  });
  it('reads Unix seconds with nanosecond fractions', () => {
    expect(parseTimeFilter('1700000000.5', '--since', now)).toBe(1_700_000_000_500_000_000n);
  });
  it('reads RFC 3339 with and without zone', () => {
    expect(parseTimeFilter('2026-11-23T10:00:00.000000001Z', '--until', now)).toBe(
      BigInt(Date.parse('2026-11-23T10:00:00Z')) * 1_000_000n + 1n,
    );
    expect(parseTimeFilter('2026-11-23T10:00:00+01:00', '--until', now)).toBe(
      BigInt(Date.parse('2026-11-23T09:00:00Z')) * 1_000_000n,
    );
  });
  it('refuses anything else with the flag named', () => {
    expect(() => parseTimeFilter('yesterday', '--since', now)).toThrow(
      /invalid value "yesterday" for --since/,
    );
  });
});
