import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantityError, formatQuantity, isQuantity, parseQuantity } from '../../src/control/quantity.ts';

describe('parseQuantity', () => {
  const cases: [string | number, number][] = [
    ['0', 0],
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+2', 2],
    ['-2', -2],
    ['250m', 0.25],
    ['100m', 0.1],
    ['1m', 0.001],
    ['500u', 0.0005],
    ['3n', 3e-9],
    ['1k', 1000],
    ['1.5k', 1500],
    ['2M', 2e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1Ki', 1024],
    ['128Mi', 134217728],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5e-3', 0.0015],
    ['2e+2', 200],
    [3, 3],
    [0.5, 0.5],
  ];
  for (const [s, want] of cases) {
    it(`${JSON.stringify(s)} is ${want}`, () => expect(parseQuantity(s)).toBeCloseTo(want, 12));
  }
  it('gives exact values for common quantities', () => {
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('128Mi')).toBe(134217728);
    expect(parseQuantity('100m')).toBe(0.1);
  });

  const bad: [unknown, RegExp][] = [
    ['', /empty/],
    ['abc', /must start with a number/],
    ['.', /must start with a number/],
    ['1x', /unknown suffix "x"/],
    ['1 Mi', /unknown suffix " Mi"/],
    [' 1', /must start with a number/],
    ['1KI', /unknown suffix "KI"/],
    ['1ki', /unknown suffix "ki"/],
    ['1e', /unknown suffix "e"/],
    ['1e1.5', /unknown suffix/],
    ['1Mi1', /unknown suffix/],
    ['--1', /must start with a number/],
    ['1e400', /too large/],
    [Number.NaN, /not a finite number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    [null, /must be a string or a number/],
  ];
  for (const [s, re] of bad) {
    it(`rejects ${JSON.stringify(s) ?? String(s)}`, () => {
      expect(() => parseQuantity(s as string)).toThrow(QuantityError);
      expect(() => parseQuantity(s as string)).toThrow(re);
    });
  }

  it('isQuantity', () => {
    expect(isQuantity('1Gi')).toBe(true);
    expect(isQuantity('1GB')).toBe(false);
    expect(isQuantity({})).toBe(false);
  });

  it('never throws anything but QuantityError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        try {
          parseQuantity(s);
        } catch (e) {
          expect(e).toBeInstanceOf(QuantityError);
        }
      }),
    );
  });
});

describe('formatQuantity', () => {
  const cases: [number, 'DecimalSI' | 'BinarySI' | undefined, string][] = [
    [0, undefined, '0'],
    [0.25, undefined, '250m'],
    [0.1, undefined, '100m'],
    [1, undefined, '1'],
    [1500, undefined, '1500'],
    [2000, undefined, '2k'],
    [3e9, undefined, '3G'],
    [134217728, 'BinarySI', '128Mi'],
    [1024, 'BinarySI', '1Ki'],
    [1000, 'BinarySI', '1k'],
    [0.5, 'BinarySI', '500m'],
    [-0.25, undefined, '-250m'],
    [1e-10, undefined, '1n'],
  ];
  for (const [v, f, want] of cases) {
    it(`${v} ${f ?? ''} is ${want}`, () => expect(formatQuantity(v, f)).toBe(want));
  }
  it('parses back to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(1, 1e-3, 1e3, 1024), fc.constantFrom('DecimalSI' as const, 'BinarySI' as const), (n, unit, f) => {
        const v = n * unit;
        expect(parseQuantity(formatQuantity(v, f))).toBeCloseTo(v, 6);
      }),
    );
  });
});
