import { describe, expect, it } from 'vitest';
import { formatFloat } from './go-float.js';

describe('formatFloat', () => {
  it('prints the shortest round-tripping form for precision -1 (%v)', () => {
    expect(formatFloat(1.5, 'g', -1)).toBe('1.5');
    expect(formatFloat(0.1, 'g', -1)).toBe('0.1');
    expect(formatFloat(123456, 'g', -1)).toBe('123456');
    expect(formatFloat(1e6, 'g', -1)).toBe('1e+06');
    expect(formatFloat(1e-5, 'g', -1)).toBe('1e-05');
    expect(formatFloat(0.0001, 'g', -1)).toBe('0.0001');
    expect(formatFloat(0, 'g', -1)).toBe('0');
    expect(formatFloat(-0, 'g', -1)).toBe('-0');
    expect(formatFloat(5e-324, 'g', -1)).toBe('5e-324');
    expect(formatFloat(1.5, 'e', -1)).toBe('1.5e+00');
    expect(formatFloat(1.5, 'f', -1)).toBe('1.5');
  });

  it('rounds the exact binary value half to even', () => {
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(3.5, 'f', 0)).toBe('4');
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatFloat(0.375, 'f', 2)).toBe('0.38');
    // 1.005 is really 1.00499999999999989..., so it rounds down.
    expect(formatFloat(1.005, 'f', 2)).toBe('1.00');
    expect(formatFloat(9.999, 'f', 2)).toBe('10.00');
    expect(formatFloat(0.05, 'f', 1)).toBe('0.1');
    expect(formatFloat(0.004, 'f', 1)).toBe('0.0');
    expect(formatFloat(123456789.125, 'f', 2)).toBe('123456789.12');
  });

  it('formats exponents with at least two digits', () => {
    expect(formatFloat(1234.5678, 'e', 6)).toBe('1.234568e+03');
    expect(formatFloat(1e100, 'E', 2)).toBe('1.00E+100');
    expect(formatFloat(0, 'e', 3)).toBe('0.000e+00');
    expect(formatFloat(9.99, 'e', 1)).toBe('1.0e+01');
  });

  it('applies %g precision as significant digits', () => {
    expect(formatFloat(1, 'g', 3)).toBe('1');
    expect(formatFloat(1234, 'g', 3)).toBe('1.23e+03');
    expect(formatFloat(0.00012345, 'g', 2)).toBe('0.00012');
    expect(formatFloat(123.456, 'g', 0)).toBe('1e+02');
    expect(formatFloat(1e-5, 'G', 2)).toBe('1E-05');
  });

  it('spells special values like Go', () => {
    expect(formatFloat(NaN, 'f', 2)).toBe('NaN');
    expect(formatFloat(Infinity, 'g', -1)).toBe('+Inf');
    expect(formatFloat(-Infinity, 'e', 2)).toBe('-Inf');
  });
});
