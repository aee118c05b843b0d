// kubectl's --dry-run: "none" (default), "client" (nothing is sent) or "server" (the master
// validates and defaults, and stores nothing).
import { UsageError } from '../usage-error.ts';

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(raw: unknown, allowed: DryRun[] = ['none', 'client', 'server']): DryRun {
  if (raw === undefined) return 'none';
  if (allowed.includes(raw as DryRun)) return raw as DryRun;
  throw new UsageError(`--dry-run must be ${allowed.join(' or ')}, got "${String(raw)}"`, '--dry-run');
}

export function dryRunSuffix(d: DryRun): string {
  return d === 'none' ? '' : ` (${d} dry run)`;
}
