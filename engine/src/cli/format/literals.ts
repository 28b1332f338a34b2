// Go literal syntax inside actions: quoted strings (strconv.Unquote), character constants and
// numbers (strconv.ParseInt with base 0, then ParseFloat). Kept apart from the parser because the
// rules are fiddly and worth testing on their own.

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

function invalid(): never {
  throw new Error('invalid syntax');
}

/** Decodes the body of a quoted literal; quote is the delimiter that may be escaped inside it. */
function unescape(body: string, quote: '"' | "'"): string {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const char = body[i] ?? '';
    if (char === quote || char === '\n') invalid();
    if (char !== '\\') {
      out += char;
      i++;
      continue;
    }
    const kind = body[i + 1];
    if (kind === undefined) invalid();
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (kind === quote) {
      out += quote;
      i += 2;
    } else if (kind === 'x' || kind === 'u' || kind === 'U') {
      const length = kind === 'x' ? 2 : kind === 'u' ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) invalid();
      const code = parseInt(digits, 16);
      if (code > 0x10ffff || (kind !== 'x' && code >= 0xd800 && code <= 0xdfff)) invalid();
      // Go's \x yields a raw byte; as JavaScript strings hold code points we use the Latin-1 one.
      out += String.fromCodePoint(code);
      i += 2 + length;
    } else if (kind >= '0' && kind <= '7') {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) invalid();
      const code = parseInt(digits, 8);
      if (code > 255) invalid();
      out += String.fromCharCode(code);
      i += 4;
    } else {
      invalid();
    }
  }
  return out;
}

/** strconv.Unquote for "double-quoted" and `raw` strings; throws Error('invalid syntax'). */
export function unquoteString(quoted: string): string {
  if (quoted.length < 2) invalid();
  const quote = quoted[0];
  if (quoted[quoted.length - 1] !== quote) invalid();
  const body = quoted.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) invalid();
    return body.replace(/\r/g, ''); // Go drops carriage returns from raw strings
  }
  if (quote !== '"') invalid();
  return unescape(body, '"');
}

/** A character constant such as 'a' or '\n' is the number of its code point, as in Go. */
export function parseCharConstant(quoted: string): number {
  const text = unescape(quoted.slice(1, -1), "'");
  const chars = Array.from(text);
  if (chars.length !== 1) throw new Error(`malformed character constant: ${quoted}`);
  return chars[0]?.codePointAt(0) ?? 0;
}

const INTEGER =
  /^[+-]?(?:0[xX]_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[oO]_?[0-7]+(?:_[0-7]+)*|0[bB]_?[01]+(?:_[01]+)*|0_?[0-7]+(?:_[0-7]+)*|[1-9](?:_?[0-9])*|0)$/;
const DIGITS = '\\d(?:_?\\d)*';
const FLOAT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);

/** Numbers as Go templates read them: 0x/0o/0b prefixes, a leading 0 means octal, '_' separators. */
export function parseNumberLiteral(text: string): number {
  if (INTEGER.test(text)) {
    const negative = text.startsWith('-');
    let digits = text.replace(/^[+-]/, '').replace(/_/g, '');
    if (/^0[0-7]+$/.test(digits)) digits = `0o${digits.slice(1)}`;
    const value = Number(BigInt(digits));
    return negative ? -value : value;
  }
  if (FLOAT.test(text) && /[.eE]/.test(text)) return Number(text.replace(/_/g, ''));
  if (text.endsWith('i')) throw new Error(`complex numbers are not supported: ${text}`);
  throw new Error(`illegal number syntax: "${text}"`);
}
