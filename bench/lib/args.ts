import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';

export interface BenchArgs {
  targets: ('shoal' | 'etcd')[];
  values: Record<string, string | boolean | undefined>;
}

/** Common flags: --only shoal|etcd; anything else is the benchmark's own. */
export function benchArgs(own: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>): BenchArgs {
  const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'boolean', default: false }, ...own } as any });
  const only = (values as Record<string, unknown>).only as string | undefined;
  if (only !== undefined && only !== 'shoal' && only !== 'etcd') {
    console.error(`--only: must be shoal or etcd, got ${only}`);
    process.exit(2);
  }
  let targets: ('shoal' | 'etcd')[] = only ? [only] : ['shoal', 'etcd'];
  if (targets.includes('etcd') && !hasEtcd()) {
    console.error('etcd is not installed (Debian package etcd-server): measuring shoal alone');
    targets = targets.filter((t) => t !== 'etcd');
  }
  return { targets, values: values as Record<string, string | boolean | undefined> };
}

function hasEtcd(): boolean {
  try {
    execFileSync('etcd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function intList(raw: string, flag: string): number[] {
  const out = raw.split(',').map((s) => Number(s.trim()));
  if (out.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error(`${flag}: must be a comma-separated list of positive integers, got ${raw}`);
    process.exit(2);
  }
  return out;
}
