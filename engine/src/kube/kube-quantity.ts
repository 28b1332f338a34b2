// Kubernetes quantities (`64Mi`, `1G`, `500m`, `0.5`, `1e3`) as numbers, and back: memory limits
// in bytes, CPU limits in CPUs (what `--memory` and `--cpus` take).

const SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** The quantity's value in base units, or undefined when `input` is not a Kubernetes quantity. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const match = QUANTITY.exec(input.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? 10 ** Number(match[2].slice(1)) : SUFFIXES[match[3] ?? '']!);
  return Number.isFinite(value) ? value : undefined;
}

/** Bytes as Kubernetes writes memory: the largest binary unit that divides them exactly. */
export function formatMemoryQuantity(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const size = SUFFIXES[unit]!;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** CPUs as Kubernetes writes them: whole CPUs, or millicores. */
export function formatCpuQuantity(cpus: number): string {
  if (Number.isInteger(cpus)) return String(cpus);
  return `${Math.round(cpus * 1000)}m`;
}
