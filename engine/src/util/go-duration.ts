// Go's time.Duration String() ("1.491643768s", "2m3s", "120.866296ms", "0s"): podman prints
// durations this way in top (ELAPSED, TIME) and stats (CPU TIME), and scripts parse them.

function fraction(value: bigint, unit: bigint, digits: number): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return whole.toString();
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

export function formatGoDuration(nanoseconds: number | bigint): string {
  let ns = typeof nanoseconds === 'bigint' ? nanoseconds : BigInt(Math.round(nanoseconds));
  const sign = ns < 0n ? '-' : '';
  if (ns < 0n) ns = -ns;
  if (ns === 0n) return '0s';
  if (ns < 1_000n) return `${sign}${ns}ns`;
  if (ns < 1_000_000n) return `${sign}${fraction(ns, 1_000n, 3)}µs`;
  if (ns < 1_000_000_000n) return `${sign}${fraction(ns, 1_000_000n, 6)}ms`;
  const hours = ns / 3_600_000_000_000n;
  const minutes = (ns / 60_000_000_000n) % 60n;
  const seconds = fraction(ns % 60_000_000_000n, 1_000_000_000n, 9);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
