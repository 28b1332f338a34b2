// Memory sizes as podman reads them (`512m`, `1g`, `1024`): binary units, case-insensitive.
export class SizeFlagError extends Error {
  readonly exitCode = 125;
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

export function parseByteSize(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmgtp]?)(?:i?b)?$/i.exec(value.trim());
  if (!match)
    throw new SizeFlagError(
      `invalid size "${value}" for ${flag}: use a number with an optional unit (b, k, m, g)`,
    );
  const bytes = Math.floor(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
  if (!Number.isSafeInteger(bytes)) throw new SizeFlagError(`size "${value}" for ${flag} is too large`);
  return bytes;
}
