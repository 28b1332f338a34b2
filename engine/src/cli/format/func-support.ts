// What the template library's functions share: their declared arity (so calls with the wrong number
// of arguments fail like Go's "wrong number of args for join: want 2 got 1") and argument coercion
// that reports type mismatches in Go's words.

import { ArgumentTypeError } from './template-error.js';
import { arrayItems, goTypeName, kindOf, type AnyFunction } from './values.js';

export interface FuncDef {
  call: AnyFunction;
  /** Fewest arguments accepted (counting a piped-in value). */
  min: number;
  /** Most arguments accepted; Infinity for variadic functions. */
  max: number;
}

export function define(call: AnyFunction, min: number, max = min): FuncDef {
  return { call, min, max };
}

/**
 * A string parameter. A missing or null value counts as "": podman's data are Go structs whose string
 * fields always exist (as ""), while our JSON may simply omit them.
 */
export function stringArg(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  throw new ArgumentTypeError(`wrong type for value; expected string; got ${goTypeName(value)}`);
}

export function intArg(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  throw new ArgumentTypeError(`wrong type for value; expected int; got ${goTypeName(value)}`);
}

/**
 * A []string parameter. Elements that are not strings are printed Go-style rather than rejected,
 * because our arrays are untyped (Go would have a []string already).
 */
export function stringListArg(value: unknown, print: (item: unknown) => string): string[] {
  if (value === undefined || value === null) return [];
  if (kindOf(value) === 'array') {
    return arrayItems(value as unknown[]).map((item) => (typeof item === 'string' ? item : print(item)));
  }
  throw new ArgumentTypeError(`wrong type for value; expected []string; got ${goTypeName(value)}`);
}
