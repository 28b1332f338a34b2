// Go's strconv float formatting ('e', 'f', 'g'), needed because printf "%.2f" and %v of a float must
// print exactly what podman prints. JavaScript's toFixed/toPrecision round ties away from zero
// (2.5 -> "3") and pick different exponent thresholds; Go rounds the exact binary value half-to-even
// and writes exponents with at least two digits ("1e+06"). So we derive decimal digits ourselves.

/** Decimal digits of a non-negative number: value = 0.<digits> x 10^point. No trailing zeros. */
interface Decimal {
  digits: string;
  point: number;
}

const ZERO: Decimal = { digits: '', point: 0 };

/** The exact decimal expansion of a finite, non-negative double (every double is a finite decimal). */
function exactDecimal(x: number): Decimal {
  if (x === 0) return ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  let text: string;
  let point: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    point = text.length;
  } else {
    // m / 2^k == m * 5^k / 10^k
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    point = text.length + exponent;
  }
  return { digits: text.replace(/0+$/, ''), point };
}

/** The shortest digits that read back as the same double (what Go uses for precision -1). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return ZERO;
  // toExponential() without an argument yields the shortest round-tripping digits, as Go does.
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  if (!match) return exactDecimal(x);
  const digits = ((match[1] ?? '') + (match[2] ?? '')).replace(/0+$/, '');
  return { digits, point: Number(match[3]) + 1 };
}

/** Rounds to `count` significant digits, ties to even on the exact value (Go's decimal.Round). */
function roundDecimal(value: Decimal, count: number): Decimal {
  const { digits, point } = value;
  if (count < 0) return ZERO;
  if (count >= digits.length) return value;
  const next = digits.charCodeAt(count) - 48;
  let up: boolean;
  if (next !== 5) {
    up = next > 5;
  } else if (count + 1 < digits.length) {
    up = true; // more non-zero digits follow, so we are past the halfway point
  } else {
    up = count > 0 && (digits.charCodeAt(count - 1) - 48) % 2 === 1;
  }
  if (!up) {
    const kept = digits.slice(0, count).replace(/0+$/, '');
    return kept === '' ? ZERO : { digits: kept, point };
  }
  let i = count - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return { digits: '1', point: point + 1 };
  return { digits: digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1), point };
}

function digitAt(value: Decimal, index: number): string {
  return index >= 0 && index < value.digits.length ? (value.digits[index] ?? '0') : '0';
}

/** d.ddddde±dd: Go always prints at least two exponent digits. */
function formatE(value: Decimal, precision: number, letter: 'e' | 'E'): string {
  let out = digitAt(value, 0);
  if (precision > 0) {
    out += '.';
    for (let i = 1; i <= precision; i++) out += digitAt(value, i);
  }
  const exponent = value.digits === '' ? 0 : value.point - 1;
  const sign = exponent < 0 ? '-' : '+';
  return `${out}${letter}${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** ddd.ddd with exactly `precision` fraction digits. */
function formatF(value: Decimal, precision: number): string {
  let out = '';
  if (value.point > 0) {
    for (let i = 0; i < value.point; i++) out += digitAt(value, i);
  } else {
    out = '0';
  }
  if (precision > 0) {
    out += '.';
    for (let i = 1; i <= precision; i++) out += digitAt(value, value.point + i - 1);
  }
  return out;
}

export type FloatVerb = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

/**
 * Formats like Go's strconv.FormatFloat(x, verb, precision, 64). precision -1 means "shortest
 * representation that round-trips", which is what %v and %g without a precision use.
 */
export function formatFloat(x: number, verb: FloatVerb, precision: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative ? '-' : '';
  const magnitude = Math.abs(x);
  const shortest = precision < 0;
  let value: Decimal;
  let prec = precision;
  if (shortest) {
    value = shortestDecimal(magnitude);
  } else {
    const exact = exactDecimal(magnitude);
    if (verb === 'e' || verb === 'E') value = roundDecimal(exact, prec + 1);
    else if (verb === 'f' || verb === 'F') value = roundDecimal(exact, exact.point + prec);
    else {
      if (prec === 0) prec = 1;
      value = roundDecimal(exact, prec);
    }
  }
  const count = value.digits.length;
  switch (verb) {
    case 'e':
    case 'E':
      return sign + formatE(value, shortest ? Math.max(count - 1, 0) : prec, verb);
    case 'f':
    case 'F':
      return sign + formatF(value, shortest ? Math.max(count - value.point, 0) : prec);
    default: {
      if (shortest) prec = count;
      let eprec = prec;
      if (eprec > count && count >= value.point) eprec = count;
      // Go: "if precision was the shortest possible, use precision 6 for this decision".
      if (shortest) eprec = 6;
      const exponent = value.point - 1;
      if (exponent < -4 || exponent >= eprec) {
        if (prec > count) prec = count;
        return sign + formatE(value, Math.max(prec - 1, 0), verb === 'G' ? 'E' : 'e');
      }
      if (prec > value.point) prec = count;
      return sign + formatF(value, Math.max(prec - value.point, 0));
    }
  }
}
