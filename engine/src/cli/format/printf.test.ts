// fmt behaviour the templates depend on; expectations are Go's fmt.Sprintf / Sprint output.

import { describe, expect, it } from 'vitest';
import { formatValue, goQuote, sprint, sprintf, sprintln } from './printf.js';

describe('sprintf', () => {
  it.each<[string, unknown[], string]>([
    ['%s|%5s|%-5s|%.2s', ['a', 'b', 'c', 'hello'], 'a|    b|c    |he'],
    ['%-20s|', ['docker.io/busybox'], 'docker.io/busybox   |'],
    ['%d %5d %-5d| %05d %+d % d', [1, 2, 3, -42, 5, 6], '1     2 3    | -0042 +5  6'],
    ['%.3d', [7], '007'],
    ['%x %X %#x %o %#o %O %b', [255, 255, 255, 8, 8, 8, 5], 'ff FF 0xff 10 010 0o10 101'],
    ['%x % x %X', ['hi', 'hi', 'hi'], '6869 68 69 6869'],
    ['%f %.2f %.0f %.0f %.2f', [3.14159, 2.5, 2.5, 3.5, 0.125], '3.141590 2.50 2 4 0.12'],
    ['%8.3f|%-8.2f|%08.3f', [3.14159, 1.5, -3.14159], '   3.142|1.50    |-003.142'],
    ['%e %E %.2e', [1234.5678, 0.000123, 0], '1.234568e+03 1.230000E-04 0.00e+00'],
    ['%g %g %g %.3g', [1234567.5, 0.00001, 100, 1234], '1.2345675e+06 1e-05 100 1.23e+03'],
    ['%t %v', [true, false], 'true false'],
    ['%q %q %+q %#q', ['a"b\n', 65, 'é', 'raw'], '"a\\"b\\n" \'A\' "\\u00e9" `raw`'],
    ['%c %U %#U', [0x263a, 0x1f600, 65], "☺ U+1F600 U+0041 'A'"],
    ['%v %v %v', [['a', 'b'], { b: 2, a: 1 }, null], '[a b] map[a:1 b:2] <nil>'],
    [
      '%5d|%s',
      [
        [1, 2],
        ['x', 'y'],
      ],
      '[    1     2]|[x y]',
    ],
    ['%T %T %T %T', ['a', 1, 1.5, [1]], 'string int float64 []interface {}'],
    ['%6.2f%%', [99.5], ' 99.50%'],
    ['%[2]s %[1]s', ['a', 'b'], 'b a'],
    ['%*d|%-*d', [4, 1, 3, 2], '   1|2  '],
  ])('%s with %j', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
  });

  it('reports bad verbs, missing and extra arguments in band like Go', () => {
    expect(sprintf('%d', ['x'])).toBe('%!d(string=x)');
    expect(sprintf('%s', [5])).toBe('%!s(int=5)');
    expect(sprintf('%d', [1.5])).toBe('%!d(float64=1.5)');
    expect(sprintf('%t', [1])).toBe('%!t(int=1)');
    expect(sprintf('%s', [null])).toBe('%!s(<nil>)');
    expect(sprintf('%d %d', [1])).toBe('1 %!d(MISSING)');
    expect(sprintf('%d', [1, 'x', null])).toBe('1%!(EXTRA string=x, <nil>)');
    expect(sprintf('100%', [])).toBe('100%!(NOVERB)');
    expect(sprintf('%z', ['s'])).toBe('%!z(string=s)');
  });

  it('accepts float verbs for integral numbers (JSON cannot tell 2.0 from 2)', () => {
    expect(sprintf('%.2f', [2])).toBe('2.00');
  });

  it('prints missing values as nil, as Go passes a nil interface', () => {
    expect(sprintf('%v', [undefined])).toBe('<nil>');
  });
});

describe('sprint and sprintln', () => {
  it('adds spaces only between non-string operands', () => {
    expect(sprint(['a', 1, 2, 'b', 'c', true, false])).toBe('a1 2bctrue false');
    expect(sprint([])).toBe('');
  });

  it('always separates with spaces and ends with a newline', () => {
    expect(sprintln(['a', 1, 'b'])).toBe('a 1 b\n');
  });
});

describe('formatValue', () => {
  it('renders values as an action prints them', () => {
    expect(formatValue(undefined)).toBe('<no value>');
    expect(formatValue(null)).toBe('<nil>');
    expect(formatValue('text')).toBe('text');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(-0.5)).toBe('-0.5');
    expect(formatValue(1e-7)).toBe('1e-07');
    expect(formatValue(12345678.5)).toBe('1.23456785e+07');
    expect(formatValue(10n)).toBe('10');
    expect(formatValue([1, ['a', null], { z: true, a: [] }])).toBe('[1 [a <nil>] map[a:[] z:true]]');
    expect(
      formatValue(
        new Map<unknown, unknown>([
          [2, 'b'],
          [1, 'a'],
        ]),
      ),
    ).toBe('map[1:a 2:b]');
    expect(formatValue(new Set(['x', 'y']))).toBe('[x y]');
  });
});

describe('goQuote', () => {
  it('escapes like strconv.Quote', () => {
    expect(goQuote('plain')).toBe('"plain"');
    expect(goQuote('tab\there "q" \\ \x07 \x1b \u00e9 \u200b')).toBe(
      '"tab\\there \\"q\\" \\\\ \\a \\x1b é \\u200b"',
    );
    expect(goQuote('é', true)).toBe('"\\u00e9"');
  });
});
