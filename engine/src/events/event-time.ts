// Event times are nanoseconds since the epoch (bigint): podman records nanoseconds, `--since`
// compares at that precision, and Date has only milliseconds. This module makes them (a wall
// clock refined by the monotonic clock), writes them as RFC 3339 and as Go's time.String(), and
// reads the times users type (`--since 10m`, `--until 2026-11-23T19:00:00Z`, `--since 1763924400`).

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

let anchorWallNs = BigInt(Date.now()) * NS_PER_MS;
let anchorHr = process.hrtime.bigint();
let lastIssued = 0n;

/** Now, in nanoseconds: strictly increasing within this process, within ~2 ms of Date.now(). */
export function nowNanos(): bigint {
  let now = anchorWallNs + (process.hrtime.bigint() - anchorHr);
  const wall = BigInt(Date.now()) * NS_PER_MS;
  // Re-anchor when the wall clock was changed or the monotonic clock drifted from it.
  if (now - wall > 2n * NS_PER_MS || wall - now > 2n * NS_PER_MS) {
    anchorWallNs = wall;
    anchorHr = process.hrtime.bigint();
    now = wall;
  }
  if (now <= lastIssued) now = lastIssued + 1n;
  lastIssued = now;
  return now;
}

export function nanosFromDate(date: Date): bigint {
  return BigInt(date.getTime()) * NS_PER_MS;
}

function splitNanos(ns: bigint): { ms: number; fraction: bigint } {
  let seconds = ns / NS_PER_S;
  let fraction = ns % NS_PER_S;
  if (fraction < 0n) {
    fraction += NS_PER_S;
    seconds -= 1n;
  }
  return { ms: Number(seconds) * 1000, fraction };
}

/** `2026-11-23T19:00:00.123456789Z`: nine fraction digits, UTC (the stored form). */
export function rfc3339Nano(ns: bigint): string {
  const { ms, fraction } = splitNanos(ns);
  const base = new Date(ms).toISOString().slice(0, 19);
  return `${base}.${fraction.toString().padStart(9, '0')}Z`;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

function nanosOf(fields: {
  year: string;
  month: string;
  day: string;
  hour?: string;
  minute?: string;
  second?: string;
  fraction?: string;
  zone?: string;
}): bigint | undefined {
  const [year, month, day] = [Number(fields.year), Number(fields.month), Number(fields.day)];
  const [hour, minute, second] = [
    Number(fields.hour ?? 0),
    Number(fields.minute ?? 0),
    Number(fields.second ?? 0),
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day) return undefined; // 2026-02-31 and the like
  const offsetMs = zoneOffsetMinutes(fields.zone ?? 'Z') * 60_000;
  return BigInt(ms - offsetMs) * NS_PER_MS + BigInt((fields.fraction ?? '').padEnd(9, '0') || '0');
}

/** Parses RFC 3339 with up to nine fraction digits; undefined when it is not that. */
export function parseRfc3339(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  return nanosOf({ year: year!, month: month!, day: day!, hour, minute, second, fraction, zone });
}

/** Go's time.Time.String() in the local zone: `2026-11-23 19:00:00.123456789 +0000 UTC`. */
export function goTimeString(ns: bigint): string {
  const { ms, fraction } = splitNanos(ns);
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const digits = fraction.toString().padStart(9, '0').replace(/0+$/, '');
  const sign = offset < 0 ? '-' : '+';
  const zoneNumber = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${digits ? `.${digits}` : ''} ${zoneNumber} ${zoneAbbreviation(date, offset)}`
  );
}

function zoneAbbreviation(date: Date, offsetMinutes: number): string {
  if (offsetMinutes === 0 && !process.env.TZ?.trim()) return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName');
    if (part && !/^GMT[+-]/.test(part.value))
      return part.value === 'GMT' && offsetMinutes === 0 ? 'UTC' : part.value;
  } catch {
    // no Intl time zone data: fall through to Go's numeric form
  }
  // Go prints a zone without an abbreviation as its offset, e.g. "+01" or "+0530".
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = Math.abs(offsetMinutes) % 60;
  return `${offsetMinutes < 0 ? '-' : '+'}${hours}${minutes ? String(minutes).padStart(2, '0') : ''}`;
}

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: NS_PER_MS,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
};

/** Go's time.ParseDuration (`1h30m`, `1.5h`, `300ms`, `-10m`); undefined when malformed. */
export function parseGoDuration(text: string): bigint | undefined {
  const m = /^([+-]?)(.*)$/s.exec(text)!;
  const sign = m[1] === '-' ? -1n : 1n;
  let rest = m[2]!;
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest.length > 0) {
    const p = part.exec(rest);
    if (!p || (p[1] === '' && (p[2] ?? '') === '')) return undefined;
    const unit = DURATION_UNITS[p[3]!]!;
    const whole = BigInt(p[1] || '0') * unit;
    const fractionDigits = p[2] ?? '';
    const fraction = fractionDigits
      ? (BigInt(fractionDigits) * unit) / 10n ** BigInt(fractionDigits.length)
      : 0n;
    total += whole + fraction;
    rest = rest.slice(p[0].length);
  }
  return sign * total;
}

export class InputTimeError extends Error {
  readonly exitCode = 125;
}

/**
 * A time as podman's --since/--until take it (pkg/util ParseInputTime): RFC 3339, a date and
 * time without zone (UTC), a date with or without zone, Unix seconds (with a fraction), or a Go
 * duration counted back from now for `since` and forward from now for `until`.
 */
export function parseInputTime(input: string, since: boolean, now: bigint = nowNanos()): bigint {
  const text = input.trim();
  const rfc = parseRfc3339(text);
  if (rfc !== undefined) return rfc;
  const local = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?|(Z|[+-]\d\d:\d\d))?$/.exec(
    text,
  );
  if (local) {
    const [, year, month, day, hour, minute, second, fraction, zone] = local;
    const ns = nanosOf({ year: year!, month: month!, day: day!, hour, minute, second, fraction, zone });
    if (ns !== undefined) return ns;
  }
  const unix = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (unix) {
    const value = BigInt(unix[2]!) * NS_PER_S + BigInt((unix[3] ?? '').slice(0, 9).padEnd(9, '0') || '0');
    return unix[1] === '-' ? -value : value;
  }
  const duration = parseGoDuration(text);
  if (duration === undefined)
    throw new InputTimeError(
      `unable to interpret time value ${JSON.stringify(input)}: use RFC 3339 (2026-11-23T19:00:00Z), Unix seconds, or a duration such as 10m`,
    );
  return since ? now - duration : now + duration;
}
