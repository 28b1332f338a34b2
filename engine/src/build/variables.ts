// Variable substitution and quote handling in instruction arguments, as the Dockerfile reference
// defines them: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}` (and the forms without
// `:`, which test for "unset" rather than "unset or empty"); single quotes are literal, double
// quotes expand, the escape character makes the next character literal.
export type Lookup = (name: string) => string | undefined;

export class SubstitutionError extends Error {}

interface Scanned {
  words: string[];
}

function readName(text: string, at: number): string {
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
  return match ? match[0] : '';
}

/** Expands the `$...` at `at` (text[at] === '$'); returns the value and the index after it. */
function expandAt(text: string, at: number, lookup: Lookup, escape: string): { value: string; end: number } {
  const next = text[at + 1];
  if (next === '{') {
    const close = findClosingBrace(text, at + 2);
    if (close === -1) throw new SubstitutionError(`missing '}' in "${text}"`);
    const inner = text.slice(at + 2, close);
    const name = readName(inner, 0);
    if (name === '') throw new SubstitutionError(`bad substitution "\${${inner}}" in "${text}"`);
    const op = inner.slice(name.length);
    const value = lookup(name);
    if (op === '') return { value: value ?? '', end: close + 1 };
    const opMatch = /^(:?[-+?])([\s\S]*)$/.exec(op);
    if (!opMatch) throw new SubstitutionError(`unsupported modifier "${op}" in "\${${inner}}"`);
    const [, modifier, word] = opMatch as unknown as [string, string, string];
    const set = modifier.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    const expandedWord = () => processWord(word, lookup, escape);
    switch (modifier.replace(':', '')) {
      case '-':
        return { value: set ? value! : expandedWord(), end: close + 1 };
      case '+':
        return { value: set ? expandedWord() : '', end: close + 1 };
      default:
        if (!set) throw new SubstitutionError(`${name}: ${expandedWord() || 'parameter not set'}`);
        return { value: value!, end: close + 1 };
    }
  }
  const name = readName(text, at + 1);
  if (name === '') return { value: '$', end: at + 1 };
  return { value: lookup(name) ?? '', end: at + 1 + name.length };
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function scan(text: string, lookup: Lookup | undefined, escape: string, split: boolean): Scanned {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const flush = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (split && /\s/.test(c)) {
      flush();
      i++;
      continue;
    }
    inWord = true;
    if (c === escape) {
      if (i + 1 < text.length) word += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new SubstitutionError(`unmatched single quote in "${text}"`);
      word += text.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new SubstitutionError(`unmatched double quote in "${text}"`);
        const d = text[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === escape && i + 1 < text.length && /["$`\\]/.test(text[i + 1]!)) {
          word += text[i + 1];
          i += 2;
          continue;
        }
        if (d === '$' && lookup) {
          const { value, end } = expandAt(text, i, lookup, escape);
          word += value;
          i = end;
          continue;
        }
        word += d;
        i++;
      }
      continue;
    }
    if (c === '$' && lookup) {
      const { value, end } = expandAt(text, i, lookup, escape);
      word += value;
      i = end;
      continue;
    }
    word += c;
    i++;
  }
  flush();
  return { words };
}

/** One word: quotes removed, variables expanded (none when `lookup` is undefined), spaces kept. */
export function processWord(text: string, lookup: Lookup | undefined, escape = '\\'): string {
  return scan(text, lookup, escape, false).words[0] ?? '';
}

/** Whitespace-separated words, each processed as processWord does. */
export function processWords(text: string, lookup: Lookup | undefined, escape = '\\'): string[] {
  return scan(text, lookup, escape, true).words;
}

/** Splits raw text into words at unquoted whitespace, keeping quotes and `$` as written. */
export function splitRawWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escape && i + 1 < text.length) {
      word += c + text[i + 1];
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      word += c;
      continue;
    }
    if (/\s/.test(c)) {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    word += c;
  }
  if (word !== '') words.push(word);
  return words;
}

/** `KEY=value` list from an ENV/LABEL/ARG argument (or the legacy `KEY value with spaces`). */
export function keyValuePairs(
  rest: string,
  lookup: Lookup | undefined,
  escape: string,
  options: { allowBareKey?: boolean } = {},
): { key: string; value: string | undefined }[] {
  const raw = splitRawWords(rest, escape);
  if (raw.length === 0) return [];
  if (!raw[0]!.includes('=') && !options.allowBareKey) {
    // Legacy form: the first word is the key, the rest of the line (spaces kept) the value.
    const key = raw[0]!;
    const value = rest.slice(rest.indexOf(key) + key.length).trim();
    return [{ key: processWord(key, lookup, escape), value: processWord(value, lookup, escape) }];
  }
  return raw.map((word) => {
    const eq = word.indexOf('=');
    if (eq === -1) return { key: processWord(word, lookup, escape), value: undefined };
    return {
      key: processWord(word.slice(0, eq), lookup, escape),
      value: processWord(word.slice(eq + 1), lookup, escape),
    };
  });
}
