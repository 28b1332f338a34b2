// Times as podman prints them in lists: "2 hours ago", "3 weeks ago".
const UNITS: [number, string][] = [
  [365 * 24 * 3600, 'year'],
  [30 * 24 * 3600, 'month'],
  [7 * 24 * 3600, 'week'],
  [24 * 3600, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
];

/** `seconds`: Unix seconds; 0 means unknown. */
export function timeAgo(seconds: number, now: number = Date.now()): string {
  if (!seconds) return 'unknown';
  const elapsed = Math.max(0, Math.floor(now / 1000 - seconds));
  for (const [size, unit] of UNITS) {
    const count = Math.floor(elapsed / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return elapsed < 10 ? 'just now' : `${elapsed} seconds ago`;
}
