// Numbers of every BSON type compared by their exact value, as MongoDB does: an int64 beyond 2^53
// or a Decimal128 is not rounded to a double first (Decimal128("0.1") is below the double 0.1,
// which is 0.1000000000000000055…; Long(2^53 + 1) is above the double 2^53). A number is seen as
// its floor — the largest double not above it — plus, when it is not that double, its exact
// decimal digits. Two numbers order by floor first (NaN lowest), then a double before anything
// above it, then by the digits. Index keys (key-encoding.ts), sorts and equality keys use this.

/** A number beyond its floor double: sign, significant digits (no leading/trailing zeros), the power of ten of the first. */
export interface ExactRest {
  isNegative: boolean;
  digits: string;
  exponent: number;
}

export interface ExactNumber {
  floor: number;
  /** Absent when the number is its floor double exactly (every double, most int64s). */
  rest?: ExactRest;
}

const view = new DataView(new ArrayBuffer(8));

/** The next double below `x` (x finite or +Infinity). */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}

/** A finite double as m × 2^e (m, e integers). */
function binaryParts(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  if (biased !== 0) m |= 1n << 52n;
  if (bits >> 63n) m = -m;
  return { m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/** Compares c × 10^q with the finite double x, exactly. */
function compareDecimalToDouble(c: bigint, q: number, x: number): number {
  const { m, e } = binaryParts(x);
  let left = c;
  let right = m;
  if (q >= 0) left *= 10n ** BigInt(q);
  else right *= 10n ** BigInt(-q);
  if (e >= 0) right <<= BigInt(e);
  else left <<= BigInt(-e);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The number c × 10^q (c an integer, negative for negatives) seen exactly. */
function exactDecimal(c: bigint, q: number, approximate: number): ExactNumber {
  if (c === 0n) return { floor: 0 };
  let floor = approximate;
  if (Number.isFinite(floor)) {
    const order = compareDecimalToDouble(c, q, floor);
    if (order === 0) return { floor };
    if (order < 0) floor = nextDown(floor);
  } else if (floor > 0) floor = Number.MAX_VALUE; // beyond the doubles: above the largest one
  const isNegative = c < 0n;
  let digits = (isNegative ? -c : c).toString();
  const exponent = q + digits.length - 1;
  digits = digits.replace(/0+$/, '');
  return { floor, rest: { isNegative, digits, exponent } };
}

/** A Decimal128's text ("-1.23E+5", "0.0001", "NaN", "-Infinity") as c × 10^q. */
function decimalFromText(text: string): ExactNumber {
  const approximate = Number(text);
  if (!Number.isFinite(approximate) && !/\d/.test(text)) return { floor: approximate }; // NaN, ±Infinity
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:E([+-]?\d+))?$/i.exec(text)!;
  const [, sign, whole, fraction = '', exp = '0'] = match;
  const c = BigInt(`${sign}${whole}${fraction}` || '0');
  return exactDecimal(c, Number(exp) - fraction.length, approximate);
}

/** The exact view of a numeric BSON value (JS number, bigint, Int32, Double, Long, Decimal128). */
export function exactNumber(value: unknown): ExactNumber {
  if (typeof value === 'number') return { floor: value };
  if (typeof value === 'bigint') return exactDecimal(value, 0, Number(value));
  switch ((value as { _bsontype?: string })._bsontype) {
    case 'Int32':
    case 'Double':
      return { floor: (value as { value: number }).value };
    case 'Long': {
      const approximate = (value as { toNumber(): number }).toNumber();
      if (Math.abs(approximate) <= Number.MAX_SAFE_INTEGER) return { floor: approximate };
      return exactDecimal(BigInt((value as { toString(): string }).toString()), 0, approximate);
    }
    default:
      return decimalFromText(String(value));
  }
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Two numbers' order by exact value (NaN lowest, equal to NaN). */
export function compareExact(a: ExactNumber, b: ExactNumber): number {
  const [x, y] = [a.floor, b.floor];
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  if (x !== y) return x < y ? -1 : 1;
  if (!a.rest || !b.rest) return a.rest ? 1 : b.rest ? -1 : 0;
  // Same floor: same sign. Larger magnitude is larger for positives, smaller for negatives.
  const magnitude = cmp(a.rest.exponent, b.rest.exponent) || cmp(a.rest.digits, b.rest.digits);
  return a.rest.isNegative ? -magnitude : magnitude;
}

/** A string equal for exactly equal numbers, whatever their types (1, Long(1), Decimal128("1.0")). */
export function exactNumberKey(value: unknown): string {
  const { floor, rest } = exactNumber(value);
  if (!rest) {
    // Integral doubles beyond 2^53 by their exact digits, as an int64 of that value prints.
    if (Number.isInteger(floor) && Math.abs(floor) > Number.MAX_SAFE_INTEGER) return BigInt(floor).toString();
    return String(floor);
  }
  const sign = rest.isNegative ? '-' : '';
  // An integer (an int64, an integral Decimal128) by its digits, as before; a fraction marked apart.
  if (rest.exponent >= rest.digits.length - 1 && rest.exponent < 40)
    return sign + rest.digits.padEnd(rest.exponent + 1, '0');
  return `d:${sign}${rest.digits}e${rest.exponent}`;
}
