import { describe, expect, it } from 'vitest';
import { goTimeString, goTypeName, kindOf, sortedEntries, truth, utf8Length } from './values.js';

describe('values', () => {
  it('classifies values by their Go stand-in kind', () => {
    expect(
      [undefined, null, true, 1, 1n, 's', [], new Set(), new Map(), new Date(), () => 0, {}].map(kindOf),
    ).toEqual([
      'missing',
      'nil',
      'bool',
      'number',
      'bigint',
      'string',
      'array',
      'array',
      'map',
      'date',
      'func',
      'object',
    ]);
  });

  it('names Go types for error messages', () => {
    expect([null, 1, 1.5, 's', true, [], {}].map(goTypeName)).toEqual([
      '<nil>',
      'int',
      'float64',
      'string',
      'bool',
      '[]interface {}',
      'map[string]interface {}',
    ]);
  });

  it('follows Go truthiness', () => {
    expect([false, 0, 0n, '', [], {}, null, undefined, new Set()].some(truth)).toBe(false);
    expect([true, 1, 'a', [1], { a: 1 }, NaN, new Date(0)].every(truth)).toBe(true);
  });

  it('sorts map entries by key', () => {
    expect(sortedEntries({ b: 1, a: 2 })).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(
      sortedEntries(
        new Map([
          [10, 'x'],
          [9, 'y'],
        ]),
      ),
    ).toEqual([
      [9, 'y'],
      [10, 'x'],
    ]);
  });

  it('formats times and measures UTF-8', () => {
    expect(goTimeString(new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 500)))).toBe(
      '2024-05-06 07:08:09.5 +0000 UTC',
    );
    expect(utf8Length('é😀')).toBe(6);
  });
});
