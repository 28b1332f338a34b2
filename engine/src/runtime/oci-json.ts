// Serializes OCI documents (config.json, exec process.json). One value needs care: an unlimited
// rlimit is RLIM_INFINITY, 2^64-1, which a JavaScript number cannot hold exactly (it would print
// as 18446744073709552000 and overflow runc's uint64). In memory it is Infinity; here it becomes
// the exact decimal.
const INFINITY_MARKER = '__berth_rlim_infinity__';
const RLIM_INFINITY = '18446744073709551615';

export function serializeOciJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v === Number.POSITIVE_INFINITY ? INFINITY_MARKER : v,
  );
  return text.replaceAll(`"${INFINITY_MARKER}"`, RLIM_INFINITY);
}
