// Tokenizer for Go's text/template syntax ("{{" and "}}" delimiters only).
//
// It follows Go's lexer closely, including its quirks: trim markers need a space ("{{- " / " -}}"),
// a comment must start right after the delimiter, and spaces inside actions are tokens because they
// separate arguments. A lexical error becomes an 'error' token at the point it occurs, so (as in Go)
// an earlier parse error is reported before a later lexical one.

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'comment'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'nil'
  | 'bool'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'number'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'char'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  /** The source text of the token (for errors: the message). */
  value: string;
  /** Offset into the template source. */
  pos: number;
  /** 1-based line of the token's start. */
  line: number;
}

export const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
]);

const LEFT = '{{';
const RIGHT = '}}';

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

function isAlphaNumeric(char: string | undefined): boolean {
  return char !== undefined && /^[\p{L}\p{Nd}_]$/u.test(char);
}

/** Go's %#U: "U+0023 '#'", without the quoted form for unprintable characters. */
function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const label = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char) ? `${label} '${char}'` : label;
}

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let start = 0;
  let startLine = 1;

  /** Starts a new token at pos. */
  const mark = (): void => {
    start = pos;
    startLine = line;
  };
  const emit = (type: TokenType): void => {
    tokens.push({ type, value: source.slice(start, pos), pos: start, line: startLine });
    mark();
  };
  /** Moves pos forward, counting newlines. */
  const moveTo = (target: number): void => {
    for (let i = pos; i < target; i++) if (source[i] === '\n') line++;
    pos = target;
  };
  const advance = (): void => moveTo(pos + ((source.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1));
  const peekChar = (): string | undefined =>
    pos < source.length ? String.fromCodePoint(source.codePointAt(pos) ?? 0) : undefined;
  const fail = (message: string): Token[] => {
    tokens.push({ type: 'error', value: message, pos: start, line: startLine });
    return tokens;
  };
  /** At a right delimiter, possibly preceded by a trim marker " -". */
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (isSpace(source[pos]) && source[pos + 1] === '-' && source.startsWith(RIGHT, pos + 2)) {
      return { delim: true, trim: true };
    }
    return { delim: source.startsWith(RIGHT, pos), trim: false };
  };
  /** Whether the character at pos can end an identifier, field or variable. */
  const atTerminator = (): boolean => {
    const char = source[pos];
    if (char === undefined || isSpace(char) || '.,|:()'.includes(char)) return true;
    return source.startsWith(RIGHT, pos);
  };
  /** Steps over the right delimiter (and its trim marker, and then the whitespace it trims). */
  const skipRightDelim = (trim: boolean): void => {
    moveTo(pos + (trim ? 2 : 0) + RIGHT.length);
    if (trim) {
      let next = pos;
      while (isSpace(source[next])) next++;
      moveTo(next);
    }
    mark();
  };

  while (true) {
    // Text up to the next action; a "{{- " trims the whitespace before it.
    const open = source.indexOf(LEFT, pos);
    const textEnd = open < 0 ? source.length : open;
    const trimLeft = open >= 0 && source[open + 2] === '-' && isSpace(source[open + 3]);
    let kept = textEnd;
    if (trimLeft) while (kept > pos && isSpace(source[kept - 1])) kept--;
    if (kept > pos) tokens.push({ type: 'text', value: source.slice(pos, kept), pos, line });
    moveTo(textEnd);
    mark();
    if (open < 0) {
      tokens.push({ type: 'eof', value: '', pos, line });
      return tokens;
    }
    const afterDelim = open + LEFT.length + (trimLeft ? 2 : 0);

    // A comment must follow the delimiter (or its trim marker) immediately; it produces no output.
    if (source.startsWith('/*', afterDelim)) {
      const close = source.indexOf('*/', afterDelim + 2);
      if (close < 0) return fail('unclosed comment');
      moveTo(close + 2);
      const { delim, trim } = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      tokens.push({ type: 'comment', value: source.slice(start, pos), pos: start, line: startLine });
      skipRightDelim(trim);
      continue;
    }

    moveTo(open + LEFT.length);
    emit('leftDelim');
    moveTo(afterDelim);
    mark();

    // Inside an action.
    let parenDepth = 0;
    for (;;) {
      const { delim, trim } = atRightDelim();
      if (delim) {
        if (parenDepth > 0) return fail('unclosed left paren');
        tokens.push({ type: 'rightDelim', value: RIGHT, pos, line });
        skipRightDelim(trim);
        break;
      }
      const char = peekChar();
      if (char === undefined) return fail('unclosed action');
      if (isSpace(char)) {
        // A run of spaces, stopping before the space of a " -}}" trim marker.
        while (isSpace(source[pos]) && !atRightDelim().trim) advance();
        emit('space');
      } else if (char === '=') {
        advance();
        emit('assign');
      } else if (char === ':') {
        advance();
        if (source[pos] !== '=') return fail('expected :=');
        advance();
        emit('declare');
      } else if (char === '|') {
        advance();
        emit('pipe');
      } else if (char === '"' || char === "'") {
        const unterminated = char === '"' ? 'unterminated quoted string' : 'unterminated character constant';
        advance();
        for (;;) {
          const c = source[pos];
          if (c === undefined || c === '\n') return fail(unterminated);
          advance();
          if (c === '\\') {
            if (source[pos] === undefined || source[pos] === '\n') return fail(unterminated);
            advance();
          } else if (c === char) {
            break;
          }
        }
        emit(char === '"' ? 'string' : 'charConstant');
      } else if (char === '`') {
        const close = source.indexOf('`', pos + 1);
        if (close < 0) return fail('unterminated raw quoted string');
        moveTo(close + 1);
        emit('rawString');
      } else if (char === '$') {
        advance();
        while (isAlphaNumeric(peekChar())) advance();
        if (!atTerminator()) return fail(`bad character ${describeChar(peekChar() ?? '')}`);
        emit('variable');
      } else if (char === '.' && !/[0-9]/.test(source[pos + 1] ?? '')) {
        advance();
        if (atTerminator()) {
          emit('dot');
        } else {
          while (isAlphaNumeric(peekChar())) advance();
          if (!atTerminator()) return fail(`bad character ${describeChar(peekChar() ?? '')}`);
          emit('field');
        }
      } else if (char === '.' || char === '+' || char === '-' || /[0-9]/.test(char)) {
        if (!scanNumber()) return fail(`bad number syntax: "${source.slice(start, pos)}"`);
        emit('number');
      } else if (isAlphaNumeric(char)) {
        while (isAlphaNumeric(peekChar())) advance();
        if (!atTerminator()) return fail(`bad character ${describeChar(peekChar() ?? '')}`);
        const word = source.slice(start, pos);
        if (KEYWORDS.has(word)) emit('keyword');
        else if (word === 'true' || word === 'false') emit('bool');
        else if (word === 'nil') emit('nil');
        else emit('identifier');
      } else if (char === '(') {
        advance();
        parenDepth++;
        emit('leftParen');
      } else if (char === ')') {
        advance();
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
      } else if (/^[\x21-\x7e]$/.test(char)) {
        // Other printable ASCII (such as ','); the parser decides whether it is allowed.
        advance();
        emit('char');
      } else {
        return fail(`bad character ${describeChar(char)}`);
      }
    }
  }

  /** Go's scanNumber: sign, base prefix, digits, fraction, exponent; no trailing letters. */
  function scanNumber(): boolean {
    const accept = (chars: string): boolean => {
      const c = source[pos];
      if (c !== undefined && chars.includes(c)) {
        advance();
        return true;
      }
      return false;
    };
    const acceptRun = (chars: string): void => {
      while (accept(chars));
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peekChar())) {
      advance();
      return false;
    }
    return true;
  }
}
