// Go's fmt package as templates use it: print, println, printf, and the %v rendering of every value an
// action outputs. Users rely on Go's exact output ("[a b]", "map[k:v]", "%!d(string=x)", padding by
// rune count), so this mirrors fmt rather than JavaScript's String().

import { formatFloat, type FloatVerb } from './go-float.js';
import {
  arrayItems,
  goTimeString,
  goTypeName,
  hasCustomToString,
  kindOf,
  runes,
  sortedEntries,
  utf8Bytes,
} from './values.js';

/** Flags, width and precision of one %-directive. */
interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  precision: number | undefined;
}

const PLAIN: Spec = {
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  width: undefined,
  precision: undefined,
};

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrintable(char: string): boolean {
  return char === ' ' || PRINTABLE.test(char);
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/** One rune escaped the way strconv.Quote does. */
function escapeRune(char: string, quote: '"' | "'", asciiOnly: boolean): string {
  const code = char.codePointAt(0) ?? 0xfffd;
  switch (char) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
    case '\\':
      return '\\\\';
    case quote:
      return `\\${quote}`;
    default:
      break;
  }
  if (code >= 0xd800 && code <= 0xdfff) return '\\ufffd'; // lone surrogate: invalid rune
  if (code < 0x80 ? isPrintable(char) : !asciiOnly && isPrintable(char)) return char;
  if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
  if (code < 0x10000) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

/** strconv.Quote (or QuoteToASCII when asciiOnly): a double-quoted Go string literal. */
export function goQuote(text: string, asciiOnly = false): string {
  let out = '"';
  for (const char of text) out += escapeRune(char, '"', asciiOnly);
  return `${out}"`;
}

function quoteRune(code: number, asciiOnly: boolean): string {
  const valid = code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return `'${escapeRune(String.fromCodePoint(valid ? code : 0xfffd), "'", asciiOnly)}'`;
}

/** strconv.CanBackquote: no backquote and no control characters other than tab. */
function canBackquote(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '`' || code === 0x7f || (code < 0x20 && char !== '\t')) return false;
  }
  return true;
}

/** Pads to the width counted in runes, as fmt does. */
function pad(text: string, spec: Spec, zeroAllowed = true): string {
  if (spec.width === undefined) return text;
  const missing = spec.width - runes(text).length;
  if (missing <= 0) return text;
  if (spec.minus) return text + ' '.repeat(missing);
  if (spec.zero && zeroAllowed) {
    // Zeros go after a sign so "-0042" rather than "00-42".
    const sign = /^[+\- ]/.test(text) ? text.charAt(0) : '';
    return sign + '0'.repeat(missing) + text.slice(sign.length);
  }
  return ' '.repeat(missing) + text;
}

/** The Go rendering of a value with %v and no flags; also what an action prints. */
function plainV(value: unknown): string {
  return formatArg(value, 'v', PLAIN);
}

function badVerb(verb: string, value: unknown): string {
  if (value === null || value === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(value)}=${plainV(value)})`;
}

function formatString(text: string, verb: string, spec: Spec): string | undefined {
  switch (verb) {
    case 'v':
      if (spec.sharp) return pad(goQuote(text), spec);
      return formatString(text, 's', spec);
    case 's': {
      const limited = spec.precision === undefined ? text : runes(text).slice(0, spec.precision).join('');
      return pad(limited, spec);
    }
    case 'q': {
      const limited = spec.precision === undefined ? text : runes(text).slice(0, spec.precision).join('');
      // %#q prefers a raw `backquoted` string when the text allows it.
      if (spec.sharp && canBackquote(limited)) return pad(`\`${limited}\``, spec);
      return pad(goQuote(limited, spec.plus), spec);
    }
    case 'x':
    case 'X': {
      let bytes = [...utf8Bytes(text)];
      if (spec.precision !== undefined) bytes = bytes.slice(0, spec.precision);
      const digits = bytes.map((b) => hex(b, 2));
      const prefix = spec.sharp ? '0x' : '';
      const out = spec.space
        ? digits.map((d) => prefix + d).join(' ')
        : (digits.length > 0 ? prefix : '') + digits.join('');
      return pad(verb === 'X' ? out.toUpperCase() : out, spec);
    }
    default:
      return undefined;
  }
}

function formatInteger(value: bigint, verb: string, spec: Spec): string | undefined {
  let base: number;
  switch (verb) {
    case 'v':
    case 'd':
      base = 10;
      break;
    case 'b':
      base = 2;
      break;
    case 'o':
    case 'O':
      base = 8;
      break;
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'c':
      return pad(charOf(value), spec);
    case 'q':
      return pad(quoteRune(Number(value), spec.plus), spec);
    case 'U': {
      const code = Number(value);
      let out = `U+${hex(code, 4).toUpperCase()}`;
      if (spec.sharp && code >= 0 && code <= 0x10ffff && isPrintable(String.fromCodePoint(code))) {
        out += ` '${String.fromCodePoint(code)}'`;
      }
      return pad(out, spec);
    }
    default:
      return undefined;
  }
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && value === 0n) digits = '';
    digits = digits.padStart(spec.precision, '0');
  } else if (spec.zero && !spec.minus && spec.width !== undefined) {
    digits = digits.padStart(spec.width - sign.length, '0');
  }
  let prefix = '';
  if (verb === 'O') prefix = '0o';
  else if (spec.sharp) {
    if (base === 8 && !digits.startsWith('0')) prefix = '0';
    else if (base === 16) prefix = verb === 'X' ? '0X' : '0x';
    else if (base === 2) prefix = '0b';
  }
  // Zero padding was applied to the digits already; the remaining width is filled with spaces.
  return pad(sign + prefix + digits, spec, false);
}

function charOf(value: bigint): string {
  const code = Number(value);
  const valid = code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return String.fromCodePoint(valid ? code : 0xfffd);
}

function formatFloatVerb(value: number, verb: string, spec: Spec): string | undefined {
  let floatVerb: FloatVerb;
  let precision = spec.precision;
  switch (verb) {
    case 'v':
      floatVerb = 'g';
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      floatVerb = verb;
      precision ??= 6;
      break;
    case 'g':
    case 'G':
      floatVerb = verb;
      break;
    default:
      return undefined;
  }
  let out = formatFloat(value, floatVerb, precision ?? -1);
  if (out === 'NaN' || out.endsWith('Inf')) {
    if (out === 'NaN' && (spec.plus || spec.space)) out = (spec.plus ? '+' : ' ') + out;
    return pad(out, spec, false);
  }
  if (!out.startsWith('-')) {
    if (spec.plus) out = `+${out}`;
    else if (spec.space) out = ` ${out}`;
  }
  return pad(out, spec);
}

function formatNumber(value: number, verb: string, spec: Spec): string | undefined {
  const integral = Number.isInteger(value) && Math.abs(value) < 1e21;
  if (integral && !'eEfFgG'.includes(verb)) return formatInteger(BigInt(value), verb, spec);
  // Floats accept the float verbs (and %v). Integral numbers also accept them: our JSON data cannot
  // tell float64 2.0 from int 2, and "%.2f" on a CPU percentage must not print "%!f(int=2)".
  return formatFloatVerb(value, verb, spec);
}

function formatContainer(open: string, parts: string[]): string {
  return `${open}${parts.join(' ')}]`;
}

/** Formats one argument for one verb, including flags and width. */
function formatArg(value: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(value === null || value === undefined ? '<nil>' : goTypeName(value), spec);
  const kind = kindOf(value);
  let out: string | undefined;
  switch (kind) {
    case 'missing':
    case 'nil':
      out = verb === 'v' ? pad('<nil>', spec, false) : undefined;
      break;
    case 'string':
      out = formatString(value as string, verb, spec);
      break;
    case 'bool':
      out = verb === 'v' || verb === 't' ? pad(String(value), spec, false) : undefined;
      break;
    case 'number':
      out = formatNumber(value as number, verb, spec);
      break;
    case 'bigint':
      out = formatInteger(value as bigint, verb, spec);
      break;
    case 'date':
      out = formatString(goTimeString(value as Date), verb, spec);
      break;
    case 'func':
      out = verb === 'v' ? pad('<func>', spec) : undefined;
      break;
    case 'array':
      // fmt applies the verb (and width) to each element: %5d of [1 2] is "[    1     2]".
      out = formatContainer(
        '[',
        arrayItems(value as unknown[]).map((item) => formatArg(item, verb, spec)),
      );
      break;
    case 'map':
    case 'object':
      if (hasCustomToString(value as object)) {
        out = formatString(String(value), verb, spec);
      } else {
        out = formatContainer(
          'map[',
          sortedEntries(value as object).map(
            ([key, item]) => `${formatArg(key, verb, spec)}:${formatArg(item, verb, spec)}`,
          ),
        );
      }
      break;
  }
  return out ?? badVerb(verb, value);
}

/** What an action such as {{.Name}} prints: Go prints a missing value as "<no value>". */
export function formatValue(value: unknown): string {
  return value === undefined ? '<no value>' : plainV(value);
}

/** fmt.Sprint: spaces are added between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    const previous = args[i - 1];
    if (i > 0 && typeof arg !== 'string' && typeof previous !== 'string') out += ' ';
    out += plainV(arg ?? null);
  });
  return out;
}

/** fmt.Sprintln: spaces between all operands and a trailing newline. */
export function sprintln(args: readonly unknown[]): string {
  return `${args.map((arg) => plainV(arg ?? null)).join(' ')}\n`;
}

function isIntegral(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** fmt.Sprintf, including Go's in-band error reports such as %!d(MISSING) and %!(EXTRA ...). */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;

  /** Parses an explicit argument index "[n]" at i; returns false if it is malformed. */
  const argIndex = (): boolean => {
    if (format[i] !== '[') return true;
    reordered = true;
    const close = format.indexOf(']', i);
    const text = close < 0 ? '' : format.slice(i + 1, close);
    if (!/^\d+$/.test(text)) {
      i = close < 0 ? end : close + 1;
      return false;
    }
    const index = Number(text) - 1;
    i = close + 1;
    if (index < 0) return false;
    argNum = index;
    return true;
  };

  while (i < end) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const spec: Spec = { ...PLAIN };
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          spec.sharp = true;
          break;
        case '0':
          spec.zero = true;
          break;
        case '+':
          spec.plus = true;
          break;
        case '-':
          spec.minus = true;
          break;
        case ' ':
          spec.space = true;
          break;
        default:
          break flags;
      }
    }
    let goodIndex = argIndex();
    let badWidth = false;
    let badPrecision = false;
    if (format[i] === '*') {
      i++;
      const width = args[argNum++];
      if (isIntegral(width)) {
        spec.width = Math.abs(width);
        if (width < 0) spec.minus = true;
      } else badWidth = true;
    } else {
      const digits = /^\d+/.exec(format.slice(i));
      if (digits) {
        spec.width = Number(digits[0]);
        i += digits[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      goodIndex = argIndex() && goodIndex;
      if (format[i] === '*') {
        i++;
        const precision = args[argNum++];
        if (isIntegral(precision)) {
          spec.precision = precision < 0 ? undefined : precision;
        } else badPrecision = true;
      } else {
        const digits = /^\d+/.exec(format.slice(i));
        spec.precision = digits ? Number(digits[0]) : 0;
        if (digits) i += digits[0].length;
      }
    }
    goodIndex = argIndex() && goodIndex;
    if (badWidth) out += '%!(BADWIDTH)';
    if (badPrecision) out += '%!(BADPREC)';
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      out += '%';
    } else if (!goodIndex) {
      out += `%!${verb}(BADINDEX)`;
    } else if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
    } else {
      // A missing value reaches Go's printf as a nil interface.
      out += formatArg(args[argNum++] ?? null, verb, spec);
    }
  }
  if (!reordered && argNum < args.length) {
    const extra = args
      .slice(argNum)
      .map((arg) => (arg === null || arg === undefined ? '<nil>' : `${goTypeName(arg)}=${plainV(arg)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
