// --since/--until values as podman accepts them: RFC 3339 (with or without time or zone), Unix
// seconds (with fractions), or a Go duration (`10m`, `1h30m`, `500ms`) counted back from now.
export class TimeFilterError extends Error {
  readonly exitCode = 125;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds of a Go duration string, or undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(match[1]) * DURATION_UNITS[match[2]!]!;
  return total;
}

/** The instant a --since/--until value names, as nanoseconds since the epoch. */
export function parseTimeFilter(value: string, flag: string, now = Date.now()): bigint {
  const text = value.trim();
  const duration = parseGoDuration(text);
  if (duration !== undefined) return BigInt(Math.round(now - duration)) * 1_000_000n;
  const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text);
  if (unix) return BigInt(unix[1]!) * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0'));
  const rfc = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d:?\d\d)?$/.exec(
    text,
  );
  if (rfc) {
    const zone = rfc[4] ?? localZone(now);
    const ms = Date.parse(
      `${rfc[1]}T${rfc[2] ?? '00:00:00'}${rfc[2] && rfc[2].length === 5 ? ':00' : ''}${zone}`,
    );
    if (!Number.isNaN(ms))
      return BigInt(Math.floor(ms / 1000)) * 1_000_000_000n + BigInt((rfc[3] ?? '').padEnd(9, '0'));
  }
  throw new TimeFilterError(
    `invalid value "${value}" for ${flag}: use an RFC 3339 time, Unix seconds, or a duration such as 10m`,
  );
}

function localZone(now: number): string {
  const offset = -new Date(now).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
