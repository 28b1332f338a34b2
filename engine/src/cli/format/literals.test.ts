import { describe, expect, it } from 'vitest';
import { parseCharConstant, parseNumberLiteral, unquoteString } from './literals.js';

describe('unquoteString', () => {
  it('decodes Go escapes in double-quoted strings', () => {
    expect(unquoteString('"a\\tb\\n\\\\\\""')).toBe('a\tb\n\\"');
    expect(unquoteString('"\\a\\b\\f\\r\\v"')).toBe('\x07\b\f\r\v');
    expect(unquoteString('"\\x41\\101\\u00e9\\U0001F600"')).toBe('AAé😀');
  });

  it('keeps raw strings verbatim except carriage returns', () => {
    expect(unquoteString('`a\\tb\r\nc`')).toBe('a\\tb\nc');
  });

  it('rejects invalid escapes', () => {
    for (const bad of ['"\\q"', '"\\\'"', '"\\x4"', '"\\400"', '"\\ud800"', '"a']) {
      expect(() => unquoteString(bad), bad).toThrow('invalid syntax');
    }
  });
});

describe('parseCharConstant', () => {
  it('returns the code point', () => {
    expect(parseCharConstant("'a'")).toBe(97);
    expect(parseCharConstant("'\\n'")).toBe(10);
    expect(parseCharConstant("'\\''")).toBe(39);
    expect(parseCharConstant("'é'")).toBe(0xe9);
    expect(() => parseCharConstant("'ab'")).toThrow("malformed character constant: 'ab'");
  });
});

describe('parseNumberLiteral', () => {
  it('reads integers in Go syntax', () => {
    expect(parseNumberLiteral('42')).toBe(42);
    expect(parseNumberLiteral('-7')).toBe(-7);
    expect(parseNumberLiteral('+7')).toBe(7);
    expect(parseNumberLiteral('0x1f')).toBe(31);
    expect(parseNumberLiteral('0X1F')).toBe(31);
    expect(parseNumberLiteral('0o17')).toBe(15);
    expect(parseNumberLiteral('017')).toBe(15);
    expect(parseNumberLiteral('0b101')).toBe(5);
    expect(parseNumberLiteral('1_000_000')).toBe(1000000);
    expect(parseNumberLiteral('0')).toBe(0);
  });

  it('reads floats', () => {
    expect(parseNumberLiteral('1.5')).toBe(1.5);
    expect(parseNumberLiteral('.5')).toBe(0.5);
    expect(parseNumberLiteral('1.')).toBe(1);
    expect(parseNumberLiteral('1e3')).toBe(1000);
    expect(parseNumberLiteral('-2.5E-1')).toBe(-0.25);
  });

  it('rejects malformed numbers', () => {
    expect(() => parseNumberLiteral('-')).toThrow('illegal number syntax: "-"');
    expect(() => parseNumberLiteral('08')).toThrow('illegal number syntax');
    expect(() => parseNumberLiteral('1__0')).toThrow('illegal number syntax');
    expect(() => parseNumberLiteral('1i')).toThrow('complex numbers are not supported');
  });
});
