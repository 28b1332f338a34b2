// Sizes and ages as podman prints them (docker/go-units): "2.13 MB" (decimal units, 3 significant
// digits, %g style) and "2 weeks ago".
import { formatFloat } from './go-float.js';

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units HumanSizeWithPrecision(size, 3), with podman's space before the unit. */
export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${formatFloat(size, 'g', 3)} ${DECIMAL_UNITS[unit]}`;
}

/** go-units HumanDuration: the coarse wording podman uses for CREATED columns. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(milliseconds / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(milliseconds / 3_600_000 / 24 / 365)} years`;
}

/** "2 weeks ago" for an RFC 3339 time; '' when unknown. */
export function timeAgo(rfc3339: string, now = Date.now()): string {
  const t = Date.parse(rfc3339);
  if (Number.isNaN(t) || rfc3339 === '') return '';
  return `${humanDuration(Math.max(0, now - t))} ago`;
}

const BINARY_UNITS = ['b', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Progress counters as podman's bars print them (mpb's CountersKibiByte "%.1f"): "12.3MiB". */
export function humanBinarySize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit === 0 ? `${size}${BINARY_UNITS[0]}` : `${size.toFixed(1)}${BINARY_UNITS[unit]}`;
}
