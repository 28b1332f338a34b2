import { describe, expect, it } from 'vitest';
import {
  goTimeString,
  nowNanos,
  parseGoDuration,
  parseInputTime,
  parseRfc3339,
  rfc3339Nano,
} from './event-time.js';

const NOW = 1_795_000_000_123_456_789n;

describe('event times', () => {
  it('round-trips RFC 3339 with nanoseconds', () => {
    expect(rfc3339Nano(1_795_000_000_000_000_001n)).toBe('2026-11-18T11:06:40.000000001Z');
    expect(parseRfc3339('2026-11-18T11:06:40.000000001Z')).toBe(1_795_000_000_000_000_001n);
    expect(parseRfc3339('2026-11-18T12:06:40.5+01:00')).toBe(1_795_000_000_500_000_000n);
    expect(parseRfc3339('2026-02-31T00:00:00Z')).toBeUndefined();
    expect(parseRfc3339('yesterday')).toBeUndefined();
  });

  it("prints Go's time.String() (trailing zeros dropped)", () => {
    process.env.TZ = '';
    expect(goTimeString(1_795_000_000_123_456_789n)).toMatch(
      /^2026-11-18 \d\d:06:40\.123456789 [+-]\d{4} \S+$/,
    );
    expect(goTimeString(1_795_000_000_120_000_000n)).toMatch(/:40\.12 /);
    expect(goTimeString(1_795_000_000_000_000_000n)).toMatch(/:40 [+-]/);
  });

  it('issues strictly increasing times close to the wall clock', () => {
    const a = nowNanos();
    const b = nowNanos();
    expect(b > a).toBe(true);
    const wall = BigInt(Date.now()) * 1_000_000n;
    expect(b - wall < 5_000_000n && wall - b < 5_000_000n).toBe(true);
  });

  it('parses Go durations like time.ParseDuration', () => {
    expect(parseGoDuration('10m')).toBe(600_000_000_000n);
    expect(parseGoDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(parseGoDuration('1.5s')).toBe(1_500_000_000n);
    expect(parseGoDuration('300ms')).toBe(300_000_000n);
    expect(parseGoDuration('-2s')).toBe(-2_000_000_000n);
    expect(parseGoDuration('0')).toBe(0n);
    expect(parseGoDuration('10')).toBeUndefined();
    expect(parseGoDuration('1d')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });

  it('reads the times --since and --until accept, as podman does', () => {
    expect(parseInputTime('2026-11-18T11:06:40Z', true, NOW)).toBe(1_795_000_000_000_000_000n);
    expect(parseInputTime('2026-11-18T11:06:40', true, NOW)).toBe(1_795_000_000_000_000_000n);
    expect(parseInputTime('2026-11-18T11:06:40.25', true, NOW)).toBe(1_795_000_000_250_000_000n);
    expect(parseInputTime('2026-11-18', true, NOW)).toBe(parseRfc3339('2026-11-18T00:00:00Z'));
    expect(parseInputTime('2026-11-18+01:00', true, NOW)).toBe(parseRfc3339('2026-11-17T23:00:00Z'));
    expect(parseInputTime('1795000000', true, NOW)).toBe(1_795_000_000_000_000_000n);
    expect(parseInputTime('1795000000.5', true, NOW)).toBe(1_795_000_000_500_000_000n);
    // Durations count back for since and forward for until (pkg/util ParseInputTime).
    expect(parseInputTime('10m', true, NOW)).toBe(NOW - 600_000_000_000n);
    expect(parseInputTime('10m', false, NOW)).toBe(NOW + 600_000_000_000n);
    expect(() => parseInputTime('last tuesday', true, NOW)).toThrow(
      /unable to interpret time value "last tuesday"/,
    );
  });
});
