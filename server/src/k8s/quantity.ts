/**
 * resource.Quantity as the API server reads and prints it: exact decimal arithmetic on bigint,
 * values rounded away from zero to nano precision, BinarySI values capped at 2^63-1, and the
 * canonical string (largest suffix that loses nothing, same suffix family as the input).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The canonical string the API server stores ("1.5" → "1500m", "1024Mi" → "1Gi"). */
  canonical: string;
  /** ceil(value × 1000), rounded away from zero; exact (no int64 overflow). */
  milliValue: bigint;
  /** The suffix family remembered from the input. */
  format: QuantityFormat;
  /** The exact value as a decimal string ("0.005", "1024"). */
  value: string;
  /** The value rounded up (away from zero) to an integer, as Value() does. */
  intValue: bigint;
  /** The exact value: unscaled × 10^scale (scale ≥ -9 after rounding). */
  unscaled: bigint;
  scale: number;
}

/** The API server's own error text for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIX).map(([k, v]) => [v, k]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const MAX_INT64 = (1n << 63n) - 1n;
const SUFFIX_CHARS = 'eEinumkKMGTP';

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits "<sign><digits>[.<digits>]<suffix>" the way the API server's scanner does. */
function scan(str: string): { negative: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  const end = str.length;
  let negative = false;
  if (str[0] === '-') {
    negative = true;
    pos++;
  } else if (str[0] === '+') pos++;
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos);
  let denom = '';
  let sawDot = false;
  if (pos < end && str[pos] === '.') {
    sawDot = true;
    pos++;
    const ds = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(ds, pos);
  }
  if (num.length === 0 && denom.length === 0 && !sawDot) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/** Divides rounding away from zero (a ≥ 0, b > 0). */
function divUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + 1n;
}

/**
 * Parses a quantity ("500m", "1.5Gi", "1e3"); throws QuantityError with the API server's message on
 * invalid input. A JavaScript number (a YAML int or float) is read through its decimal string.
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : 'NaN') : input;
  if (typeof str !== 'string' || str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const { negative, num, denom, suffix } = scan(str);

  let format: QuantityFormat;
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    exp10 = DECIMAL_SUFFIX[suffix];
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    exp2 = BINARY_SUFFIX[suffix];
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    const e = Number.parseInt(suffix.slice(1), 10);
    // Beyond this the value is absurd for any resource; refuse rather than build huge numbers.
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
    exp10 = e;
  } else {
    throw new QuantityError(QUANTITY_SUFFIX_ERROR);
  }
  if (num.length + denom.length > 1000) throw new QuantityError(QUANTITY_FORMAT_ERROR);

  // |value| = digits × 10^(exp10 − len(denom)) × 2^exp2
  let unscaled = BigInt(num + denom || '0') * (1n << BigInt(exp2));
  let scale = exp10 - denom.length;
  // Round away from zero to nano precision.
  if (scale < -9 && unscaled !== 0n) {
    unscaled = divUp(unscaled, pow10(-9 - scale));
    scale = -9;
  }
  if (format === 'BinarySI') {
    if (compareTo(unscaled, scale, MAX_INT64) > 0) {
      unscaled = MAX_INT64;
      scale = 0;
    }
    if (unscaled !== 0n && compareTo(unscaled, scale, 1n) < 0) format = 'DecimalSI';
  }
  ({ unscaled, scale } = normalise(unscaled, scale));
  if (negative) unscaled = -unscaled;
  return {
    canonical: canonicalString(unscaled, scale, format),
    milliValue: scaledValue(unscaled, scale, -3),
    format,
    value: decimalString(unscaled, scale),
    intValue: scaledValue(unscaled, scale, 0),
    unscaled,
    scale,
  };
}

/** Whether a string (or number) is a valid quantity. */
export function isQuantity(input: unknown): boolean {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
}

/** Drops trailing decimal zeros from the unscaled part (value unchanged). */
function normalise(unscaled: bigint, scale: number): { unscaled: bigint; scale: number } {
  if (unscaled === 0n) return { unscaled: 0n, scale: 0 };
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale++;
  }
  return { unscaled, scale };
}

/** Compares |unscaled| × 10^scale with a non-negative integer. */
function compareTo(unscaled: bigint, scale: number, n: bigint): number {
  const a = scale >= 0 ? unscaled * pow10(scale) : unscaled;
  const b = scale >= 0 ? n : n * pow10(-scale);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The value expressed in units of 10^targetScale, rounded away from zero. */
function scaledValue(unscaled: bigint, scale: number, targetScale: number): bigint {
  const neg = unscaled < 0n;
  const mag = neg ? -unscaled : unscaled;
  const shift = scale - targetScale;
  const v = shift >= 0 ? mag * pow10(shift) : divUp(mag, pow10(-shift));
  return neg ? -v : v;
}

function canonicalString(unscaled: bigint, scale: number, format: QuantityFormat): string {
  if (unscaled === 0n) return '0';
  if (format === 'BinarySI') {
    const small = compareTo(unscaled < 0n ? -unscaled : unscaled, scale, 1024n) < 0;
    if (!small && scale >= 0) {
      let mantissa = unscaled * pow10(scale);
      let power = 0;
      while (power < 6 && mantissa % 1024n === 0n) {
        mantissa /= 1024n;
        power++;
      }
      return `${mantissa}${BINARY_BY_POWER[power]}`;
    }
    // Fractional, or smaller than 1024 in magnitude: printed in DecimalSI so nothing is lost.
  }
  // The largest exponent that is a multiple of 3 and keeps the mantissa an integer.
  let mantissa = unscaled;
  let exponent = scale;
  const extra = ((exponent % 3) + 3) % 3;
  if (extra > 0) {
    mantissa *= pow10(extra);
    exponent -= extra;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  while (exponent > 18) {
    mantissa *= 1000n;
    exponent -= 3;
  }
  return `${mantissa}${DECIMAL_BY_EXP.get(exponent) ?? ''}`;
}

function decimalString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const mag = (neg ? -unscaled : unscaled).toString();
  let out: string;
  if (scale >= 0) out = mag + '0'.repeat(scale);
  else {
    const digits = mag.padStart(-scale + 1, '0');
    out = `${digits.slice(0, digits.length + scale)}.${digits.slice(digits.length + scale)}`;
  }
  return neg ? `-${out}` : out;
}

/** Compares two quantities (parsed, or strings/numbers to parse) by value: negative, zero or positive. */
export function compareQuantities(a: Quantity | string | number, b: Quantity | string | number): number {
  const qa = typeof a === 'object' ? a : parseQuantity(a);
  const qb = typeof b === 'object' ? b : parseQuantity(b);
  const s = Math.min(qa.scale, qb.scale);
  const av = qa.unscaled * pow10(qa.scale - s);
  const bv = qb.unscaled * pow10(qb.scale - s);
  return av < bv ? -1 : av > bv ? 1 : 0;
}

/** The exact decimal value as a string ("0.005", "1024"). */
export function quantityDecimalString(q: Quantity): string {
  return q.value;
}
