// How JavaScript values stand in for Go's reflect kinds inside templates.
//
// Go templates run over typed structs; our data is JSON-shaped. The mapping used throughout:
//   undefined  -> an invalid reflect.Value (a missing map key): prints "<no value>"
//   null       -> a nil interface/pointer: prints "<nil>"
//   number     -> int when integral, float64 otherwise (Go would know the declared type; we guess)
//   array/Set  -> slice, plain object/Map -> map (sorted keys when printed or ranged over)
//   class instance -> struct (always truthy), Date -> time.Time

export type Kind =
  'missing' | 'nil' | 'bool' | 'number' | 'bigint' | 'string' | 'array' | 'map' | 'date' | 'func' | 'object';

export type AnyFunction = (...args: unknown[]) => unknown;

export function kindOf(value: unknown): Kind {
  if (value === undefined) return 'missing';
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'symbol':
      return 'object';
    default:
      break;
  }
  if (Array.isArray(value) || value instanceof Set) return 'array';
  if (value instanceof Map) return 'map';
  if (value instanceof Date) return 'date';
  return 'object';
}

/** A plain object (JSON-like map) rather than an instance of some class (struct-like). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Elements of a slice-like value. */
export function arrayItems(value: unknown[] | Set<unknown>): unknown[] {
  return Array.isArray(value) ? value : [...value];
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Key/value pairs of a map-like value in sorted key order: Go's fmt and range visit maps sorted by key,
 * so output is deterministic whatever order the JSON had.
 */
export function sortedEntries(value: object): [unknown, unknown][] {
  const entries: [unknown, unknown][] =
    value instanceof Map ? [...(value as Map<unknown, unknown>).entries()] : Object.entries(value);
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

/** Go's notion of "true" for if/with/and/or/not: zero values and empty containers are false. */
export function truth(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'missing':
    case 'nil':
      return false;
    case 'bool':
      return value as boolean;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'string':
      return (value as string).length > 0;
    case 'array':
      return Array.isArray(value) ? value.length > 0 : (value as Set<unknown>).size > 0;
    case 'map':
      return (value as Map<unknown, unknown>).size > 0;
    case 'object':
      // Plain objects are Go maps (empty is false); class instances are structs (always true).
      return isPlainObject(value) ? Object.keys(value).length > 0 : true;
    default:
      return true;
  }
}

/** The Go type name used in error messages such as "can't evaluate field X in type string". */
export function goTypeName(value: unknown): string {
  switch (kindOf(value)) {
    case 'missing':
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float64';
    case 'bigint':
      return 'int64';
    case 'string':
      return 'string';
    case 'array':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'date':
      return 'time.Time';
    case 'func':
      return 'func(...interface {}) interface {}';
    default:
      return isPlainObject(value) ? 'map[string]interface {}' : 'struct';
  }
}

/** Go's time.Time.String() layout, in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC". */
export function goTimeString(date: Date): string {
  if (Number.isNaN(date.getTime())) return '<invalid time>';
  const iso = date.toISOString(); // 2006-01-02T15:04:05.123Z
  const [day, rest = ''] = iso.split('T');
  const [clock = '', fraction = ''] = rest.replace('Z', '').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${day} ${clock}${trimmed ? `.${trimmed}` : ''} +0000 UTC`;
}

/** Code points (Go runes) of a string: widths, truncation and padding count these, not UTF-16 units. */
export function runes(text: string): string[] {
  return Array.from(text);
}

const encoder = new TextEncoder();

/** Go's len() of a string counts UTF-8 bytes. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Whether an object overrides toString (a Go fmt.Stringer analogue), so printing uses it instead of
 * dumping fields. Plain objects, arrays and dates are handled elsewhere.
 */
export function hasCustomToString(value: object): boolean {
  const method = (value as { toString?: unknown }).toString;
  return typeof method === 'function' && method !== Object.prototype.toString && !isPlainObject(value);
}
