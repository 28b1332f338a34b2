// RFC 3339 with nanoseconds (podman's `created` field): Date has milliseconds, the rest comes from
// the high-resolution clock so that two networks created in one millisecond still sort.
export function nowRfc3339Nano(): string {
  const iso = new Date().toISOString(); // 2024-05-06T07:08:09.012Z
  const extra = String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0');
  return `${iso.slice(0, 23)}${extra}Z`;
}
