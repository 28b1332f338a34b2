import { describe, expect, it } from 'vitest';
import { goJson } from './go-json.js';

describe('goJson', () => {
  it('writes compact JSON with object keys in their own order', () => {
    expect(goJson({ b: 1, a: [true, null, 'x'], c: { d: 1.5 } })).toBe(
      '{"b":1,"a":[true,null,"x"],"c":{"d":1.5}}',
    );
    expect(goJson([])).toBe('[]');
    expect(goJson({})).toBe('{}');
    expect(goJson('s')).toBe('"s"');
    expect(goJson(undefined)).toBe('null');
  });

  it('escapes HTML characters and line separators like json.Marshal', () => {
    expect(goJson('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
    expect(goJson('\u2028\u2029')).toBe('"\\u2028\\u2029"');
    expect(goJson('<&>', { escapeHtml: false })).toBe('"<&>"');
  });

  it('escapes control characters like Go', () => {
    expect(goJson('\b\f\n\r\t\\"\x01\x1f')).toBe('"\\b\\f\\n\\r\\t\\\\\\"\\u0001\\u001f"');
    expect(goJson('é😀')).toBe('"é😀"');
    expect(goJson('\ud800')).toBe('"\ufffd"');
  });

  it('formats numbers like Go float64 encoding', () => {
    expect(goJson([1, -2, 0.5, 1e21, 1e-7, 123456789012])).toBe('[1,-2,0.5,1e+21,1e-7,123456789012]');
  });

  it('sorts Map keys, as Go sorts map keys, and handles Sets, Dates and bigints', () => {
    const value = {
      map: new Map([
        ['z', 1],
        ['a', 2],
      ]),
      set: new Set([1, 2]),
      when: new Date(Date.UTC(2024, 0, 2)),
      big: 12345678901234567890n,
    };
    expect(goJson(value)).toBe(
      '{"map":{"a":2,"z":1},"set":[1,2],"when":"2024-01-02T00:00:00.000Z","big":12345678901234567890}',
    );
  });

  it('skips undefined and function members like JSON.stringify', () => {
    expect(goJson({ a: undefined, f: () => 1, b: 2 })).toBe('{"b":2}');
    expect(goJson([undefined])).toBe('[null]');
  });

  it('rejects cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => goJson(cyclic)).toThrow(/cycle/);
  });
});
