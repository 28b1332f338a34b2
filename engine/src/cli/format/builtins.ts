// Go's predefined template functions (text/template's builtins): and, or, not, len, index, slice,
// print, printf, println, eq, ne, lt, le, gt, ge, html, js, urlquery, call.
//
// and/or are listed for arity and name checks only; the executor evaluates them itself because they
// short-circuit (their arguments are evaluated lazily).

import { define, intArg, stringArg, type FuncDef } from './func-support.js';
import { sprint, sprintf, sprintln } from './printf.js';
import { arrayItems, goTypeName, kindOf, runes, truth, utf8Bytes, utf8Length } from './values.js';

function notCalled(): never {
  throw new Error('and/or are evaluated by the executor');
}

/** len: UTF-8 bytes of a string (as Go), items of a slice or map. A nil map or slice has length 0. */
function length(item: unknown): number {
  switch (kindOf(item)) {
    case 'missing':
    case 'nil':
      return 0;
    case 'string':
      return utf8Length(item as string);
    case 'array':
      return arrayItems(item as unknown[]).length;
    case 'map':
      return (item as Map<unknown, unknown>).size;
    case 'object':
      return Object.keys(item as object).length;
    default:
      throw new Error(`len of type ${goTypeName(item)}`);
  }
}

function indexNumber(value: unknown, container: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new Error(
    `cannot index slice/array with type ${goTypeName(value)} (container ${goTypeName(container)})`,
  );
}

/**
 * index: a[i][j]... on slices, strings (a byte, as Go) and maps. A missing key, or any key of a
 * nil map, yields "" rather than Go's zero value of an unknown type: podman's indexed maps are almost
 * always map[string]string (labels, annotations), where the zero value is "".
 */
function index(item: unknown, ...keys: unknown[]): unknown {
  let current = item;
  for (const key of keys) {
    switch (kindOf(current)) {
      case 'missing':
      case 'nil':
        current = undefined;
        break;
      case 'array': {
        const items = arrayItems(current as unknown[]);
        const i = indexNumber(key, current);
        if (i < 0 || i >= items.length) throw new Error(`index out of range: ${i}`);
        current = items[i];
        break;
      }
      case 'string': {
        const bytes = utf8Bytes(current as string);
        const i = indexNumber(key, current);
        if (i < 0 || i >= bytes.length) throw new Error(`index out of range: ${i}`);
        current = bytes[i];
        break;
      }
      case 'map':
        current = (current as Map<unknown, unknown>).get(key);
        break;
      case 'object': {
        if (typeof key !== 'string') throw new Error(`value has type ${goTypeName(key)}; should be string`);
        const record = current as Record<string, unknown>;
        current = Object.hasOwn(record, key) ? record[key] : undefined;
        break;
      }
      default:
        throw new Error(`can't index item of type ${goTypeName(current)}`);
    }
  }
  return keys.length > 0 && current === undefined ? '' : current;
}

/** slice: x[i:j] or x[i:j:k] on slices, x[i:j] on strings (counted in code points here). */
function slice(item: unknown, ...indexes: unknown[]): unknown {
  const kind = kindOf(item);
  if (kind === 'missing' || kind === 'nil') throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let items: string[] | unknown[];
  if (kind === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    items = runes(item as string);
  } else if (kind === 'array') {
    items = arrayItems(item as unknown[]);
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const bounds = [0, items.length, items.length];
  indexes.forEach((value, i) => {
    const n = intArg(value);
    if (n < 0 || n > items.length) throw new Error(`index out of range: ${n}`);
    bounds[i] = n;
  });
  const [from = 0, to = 0, cap = 0] = bounds;
  if (from > to) throw new Error(`invalid slice index: ${from} > ${to}`);
  if (to > cap) throw new Error(`invalid slice index: ${to} > ${cap}`);
  const result = items.slice(from, to);
  return kind === 'string' ? (result as string[]).join('') : result;
}

type BasicKind = 'bool' | 'number' | 'string' | 'invalid' | 'other';

function basicKind(value: unknown): BasicKind {
  switch (kindOf(value)) {
    case 'missing':
    case 'nil':
      return 'invalid';
    case 'bool':
      return 'bool';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'other';
  }
}

/** eq a b c...: a == b || a == c ... with Go's rules on which kinds may be compared. */
function eq(first: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(first);
  for (const other of others) {
    const k2 = basicKind(other);
    if (k1 !== k2) {
      // Comparing against nil is allowed (and false); other kind mismatches are errors.
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new Error('incompatible types for comparison');
      continue;
    }
    if (k1 === 'other') throw new Error(`non-comparable type ${goTypeName(first)}`);
    if (k1 === 'invalid') return true;
    // == so that a number and a bigint of the same value are equal.
    if (first == other) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'bool' || ka === 'invalid' || ka === 'other') throw new Error('invalid type for comparison');
  if (kb === 'bool' || kb === 'invalid' || kb === 'other') throw new Error('invalid type for comparison');
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

/** html, js and urlquery print their arguments like fmt.Sprint, except that one string is used as is. */
function textOf(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

const HTML_ESCAPES: Record<string, string> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\ufffd',
};

function htmlEscape(text: string): string {
  return text.replace(/["'&<>\0]/g, (char) => HTML_ESCAPES[char] ?? char);
}

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

function jsEscape(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const simple = JS_ESCAPES[char];
    if (simple !== undefined) out += simple;
    else if (code < 0x20) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (code < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char)) out += char;
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape: unreserved bytes stay, space becomes '+', everything else %XX. */
function queryEscape(text: string): string {
  let out = '';
  for (const byte of utf8Bytes(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (fn === null || fn === undefined) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

export const BUILTINS: Record<string, FuncDef> = {
  and: define(notCalled, 1, Infinity),
  or: define(notCalled, 1, Infinity),
  not: define((value) => !truth(value), 1),
  len: define(length, 1),
  index: define((item, ...keys) => index(item, ...keys), 1, Infinity),
  slice: define((item, ...indexes) => slice(item, ...indexes), 1, Infinity),
  print: define((...args) => sprint(args), 0, Infinity),
  println: define((...args) => sprintln(args), 0, Infinity),
  printf: define((format, ...args) => sprintf(stringArg(format), args), 1, Infinity),
  eq: define((first, ...others) => eq(first, ...others), 1, Infinity),
  ne: define((a, b) => !eq(a, b), 2),
  lt: define(lt, 2),
  le: define((a, b) => lt(a, b) || eq(a, b), 2),
  gt: define((a, b) => !(lt(a, b) || eq(a, b)), 2),
  ge: define((a, b) => !lt(a, b), 2),
  html: define((...args) => htmlEscape(textOf(args)), 0, Infinity),
  js: define((...args) => jsEscape(textOf(args)), 0, Infinity),
  urlquery: define((...args) => queryEscape(textOf(args)), 0, Infinity),
  call: define((fn, ...args) => call(fn, ...args), 1, Infinity),
};
