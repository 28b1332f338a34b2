// Docker's `filters` query parameter: JSON of `{"key": ["value", ...]}` (or the older
// `{"key": {"value": true}}`), turned into the `key=value` strings the engine's filters take
// (the same ones `--filter` gives the CLI).
import { ApiError } from './api-errors.js';

export function dockerFilters(query: URLSearchParams, rename: Record<string, string> = {}): string[] {
  const text = query.get('filters');
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, `invalid filters "${text}": ${(error as Error).message}: send a JSON object`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ApiError(400, `invalid filters "${text}": send a JSON object of {"key": ["value"]}`);
  const out: string[] = [];
  for (const [key, values] of Object.entries(parsed as Record<string, unknown>)) {
    const list = Array.isArray(values)
      ? values
      : values && typeof values === 'object'
        ? Object.entries(values as Record<string, unknown>)
            .filter(([, on]) => on === true)
            .map(([value]) => value)
        : [values];
    for (const value of list) {
      if (typeof value !== 'string')
        throw new ApiError(400, `invalid filter value for "${key}": values must be strings`);
      out.push(`${rename[key] ?? key}=${value}`);
    }
  }
  return out;
}
