// Whole-number flag values, checked where they are read so the message names the flag.
import { UsageError } from '../usage-error.ts';

export function intFlag(raw: unknown, flag: string, dflt: number, min = 0): number {
  if (raw === undefined) return dflt;
  const s = String(raw);
  if (!/^-?\d+$/.test(s) || Number(s) < min) throw new UsageError(`${flag} must be a whole number >= ${min}, got "${s}"`, flag);
  return Number(s);
}

/** A flag that must be given. */
export function requiredInt(raw: unknown, flag: string, min = 0): number {
  if (raw === undefined) throw new UsageError(`${flag} is required`, flag);
  return intFlag(raw, flag, 0, min);
}
