// Kubernetes resource quantities ("250m", "128Mi", "1.5", "1e3") as plain JS numbers in base
// units (cores, bytes, ...). Pure, no imports.
//
//   quantity ::= sign? number suffix
//   number   ::= digits | digits '.' digits? | '.' digits
//   suffix   ::= '' | n u m k M G T P E | Ki Mi Gi Ti Pi Ei | (e|E) sign? digits

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(.*)$/;

/**
 * The value of a quantity in base units. A number is taken as it is (it must be finite).
 * Throws QuantityError with the reason on anything else.
 */
export function parseQuantity(s: string | number): number {
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) throw new QuantityError(`quantity ${s} is not a finite number`);
    return s;
  }
  if (typeof s !== 'string') throw new QuantityError('a quantity must be a string or a number');
  if (s.length === 0) throw new QuantityError('quantity is empty');
  const m = QUANTITY.exec(s);
  if (!m) throw new QuantityError(`quantity "${s}" must start with a number (e.g. '1', '0.5', '250m', '128Mi')`);
  const [, sign, digits, suffix] = m;
  const mantissa = Number(`${sign}${digits}`);
  let value: number;
  if (Object.hasOwn(DECIMAL, suffix)) {
    value = scale10(mantissa, DECIMAL[suffix]);
  } else if (Object.hasOwn(BINARY, suffix)) {
    value = mantissa * 2 ** BINARY[suffix];
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    value = scale10(mantissa, Number(suffix.slice(1)));
  } else {
    throw new QuantityError(
      `quantity "${s}" has an unknown suffix "${suffix}" (decimal: n u m k M G T P E, binary: Ki Mi Gi Ti Pi Ei, or an exponent such as e3)`,
    );
  }
  if (!Number.isFinite(value)) throw new QuantityError(`quantity "${s}" is too large`);
  return value;
}

/** Whether s is a well-formed quantity. */
export function isQuantity(s: unknown): boolean {
  if (typeof s !== 'string' && typeof s !== 'number') return false;
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

// Multiplying by 1e-3 gives 0.25 * 1e-3 = 0.00025000000000000006; dividing by 1e3 is exact
// where it can be, so negative powers divide.
function scale10(m: number, exp: number): number {
  return exp >= 0 ? m * 10 ** exp : m / 10 ** -exp;
}

const near = (x: number) => Math.abs(x - Math.round(x)) <= 1e-12 * Math.max(1, Math.abs(x));

/**
 * A short canonical form of a value. 'BinarySI' uses Ki..Ei where the value is a whole
 * multiple of 1024 (else falls back to decimal); 'DecimalSI' (the default) uses the largest
 * of n u m '' k M G T P E that leaves a whole mantissa, e.g. 0.25 -> '250m', 1500 -> '1500',
 * 2000 -> '2k', 134217728 -> '128Mi' in BinarySI.
 */
export function formatQuantity(value: number, format: 'DecimalSI' | 'BinarySI' = 'DecimalSI'): string {
  if (!Number.isFinite(value)) throw new QuantityError(`cannot format ${value}`);
  if (value === 0) return '0';
  if (format === 'BinarySI' && Number.isInteger(value) && Math.abs(value) >= 1024) {
    for (const [suffix, exp] of Object.entries(BINARY).reverse()) {
      const m = value / 2 ** exp;
      if (Number.isInteger(m)) return `${m}${suffix}`;
    }
  }
  for (const [suffix, exp] of Object.entries(DECIMAL).sort((a, b) => b[1] - a[1])) {
    const m = scale10(value, -exp);
    if (near(m) && Math.abs(Math.round(m)) >= 1) {
      // A mantissa over 999 only when no larger suffix divides it (e.g. 1500 stays '1500').
      return `${Math.round(m)}${suffix}`;
    }
  }
  // Smaller than 1n or not a whole number of nanounits: round up to nanounits, as Kubernetes does.
  return `${Math.ceil(value * 1e9)}n`;
}
