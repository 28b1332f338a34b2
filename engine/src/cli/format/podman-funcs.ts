// The functions podman adds to every --format template (containers/common's report package: json,
// join, lower, upper, title, split, truncate, pad) plus the strings helpers Berth users asked for
// (contains, hasPrefix, hasSuffix, replace, trim). Arguments follow Go's strings package order, so
// {{replace .X "a" "b" -1}} reads like strings.Replace(x, "a", "b", -1).

import { define, intArg, stringArg, stringListArg, type FuncDef } from './func-support.js';
import { goJson } from './go-json.js';
import { formatValue } from './printf.js';
import { runes } from './values.js';

/** unicode.IsSpace, which strings.TrimSpace uses (JavaScript's trim also strips U+FEFF). */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM_SPACE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
}

/** strings.Trim(s, cutset): strips any of the cutset's characters from both ends. */
function trimCutset(text: string, cutset: string): string {
  if (cutset === '') return text;
  const set = `[${escapeRegExp(cutset)}]+`;
  return text.replace(new RegExp(`^${set}|${set}$`, 'gu'), '');
}

/** strings.Title: upper-cases the first letter of each word (deprecated in Go, but podman uses it). */
function title(text: string): string {
  const isSeparator = (char: string): boolean => {
    if (/^[A-Za-z0-9_]$/.test(char)) return false;
    if (char.charCodeAt(0) < 0x80) return true;
    if (/^[\p{L}\p{Nd}]$/u.test(char)) return false;
    return new RegExp(`^[${GO_SPACE}]$`).test(char);
  };
  let previous = ' ';
  let out = '';
  for (const char of text) {
    const upper = char.toUpperCase();
    out += isSeparator(previous) && runes(upper).length === 1 ? upper : char;
    previous = char;
  }
  return out;
}

/** strings.Split: an empty separator splits into code points. */
function split(text: string, separator: string): string[] {
  return separator === '' ? runes(text) : text.split(separator);
}

/** podman's truncate: the first n characters, or the whole string when shorter. */
function truncate(text: string, length: number): string {
  if (length < 0) throw new Error(`slice bounds out of range [:${length}]`);
  const chars = runes(text);
  return chars.length < length ? text : chars.slice(0, length).join('');
}

/** podman's pad: surround a non-empty string with spaces. */
function pad(text: string, prefix: number, suffix: number): string {
  if (text === '') return text;
  return ' '.repeat(Math.max(prefix, 0)) + text + ' '.repeat(Math.max(suffix, 0));
}

/** strings.Replace: at most n replacements (all when n < 0); an empty `old` matches between runes. */
function replace(text: string, old: string, replacement: string, n: number): string {
  if (old === replacement || n === 0) return text;
  let out = '';
  let done = 0;
  if (old === '') {
    const chars = runes(text);
    for (let i = 0; i <= chars.length; i++) {
      if (n < 0 || done < n) {
        out += replacement;
        done++;
      }
      out += chars[i] ?? '';
    }
    return out;
  }
  let start = 0;
  while (n < 0 || done < n) {
    const at = text.indexOf(old, start);
    if (at < 0) break;
    out += text.slice(start, at) + replacement;
    start = at + old.length;
    done++;
  }
  return out + text.slice(start);
}

export const PODMAN_FUNCTIONS: Record<string, FuncDef> = {
  // podman's json does not HTML-escape (Encoder.SetEscapeHTML(false)): scripts see `<`, `>` and
  // `&` as they are, so Berth prints them the same way.
  json: define((value) => goJson(value, { escapeHtml: false }), 1),
  join: define((list, separator) => stringListArg(list, formatValue).join(stringArg(separator)), 2),
  lower: define((text) => stringArg(text).toLowerCase(), 1),
  upper: define((text) => stringArg(text).toUpperCase(), 1),
  title: define((text) => title(stringArg(text)), 1),
  split: define((text, separator) => split(stringArg(text), stringArg(separator)), 2),
  truncate: define((text, length) => truncate(stringArg(text), intArg(length)), 2),
  pad: define((text, prefix, suffix) => pad(stringArg(text), intArg(prefix), intArg(suffix)), 3),
  contains: define((text, part) => stringArg(text).includes(stringArg(part)), 2),
  hasPrefix: define((text, prefix) => stringArg(text).startsWith(stringArg(prefix)), 2),
  hasSuffix: define((text, suffix) => stringArg(text).endsWith(stringArg(suffix)), 2),
  replace: define(
    (text, old, replacement, n) =>
      replace(stringArg(text), stringArg(old), stringArg(replacement), intArg(n)),
    4,
  ),
  // trim is strings.TrimSpace; with a second argument it is strings.Trim(s, cutset).
  trim: define(
    (text, ...cutset) =>
      cutset.length === 0
        ? stringArg(text).replace(TRIM_SPACE, '')
        : trimCutset(stringArg(text), stringArg(cutset[0])),
    1,
    2,
  ),
};
