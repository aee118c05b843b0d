// The frame every kubectl-like command runs in: flags (its own plus the common ones), --help,
// the connection to the masters, and failures turned into kubectl's one-line messages.
import { parseFlags, type FlagSpec, type ParsedFlags } from '../args.ts';
import { COMMON_FLAGS, COMMON_USAGE, openContext, type KubeContext } from './context.ts';
import { describeError } from './errors.ts';

type CommonKey = keyof typeof COMMON_FLAGS;

export interface KubeCommand<K extends string> {
  /** The usage text up to the common flags (which are appended). */
  usage: string;
  flags: Record<K, FlagSpec>;
  run(ctx: KubeContext, parsed: ParsedFlags<K | CommonKey>): Promise<number>;
}

export async function runKube<K extends string>(argv: string[], cmd: KubeCommand<K>): Promise<number> {
  const spec = { ...COMMON_FLAGS, ...cmd.flags } as Record<K | CommonKey, FlagSpec>;
  const parsed = parseFlags(argv, spec, { positionals: true });
  if (parsed.values.help) {
    console.log(`${cmd.usage}\n\ncommon flags:\n${COMMON_USAGE}`);
    return 0;
  }
  const ctx = openContext(parsed.values);
  try {
    return await cmd.run(ctx, parsed);
  } catch (err) {
    // Usage errors go on to main.ts (exit 2); anything else is this command's failure.
    if (err instanceof Error && err.name === 'UsageError') throw err;
    console.error(describeError(err));
    return 1;
  } finally {
    ctx.client.close();
  }
}

/** Prints a failure on stderr and says the command failed (for loops that go on after one). */
export function report(err: unknown, context?: string): 1 {
  if (err instanceof Error && err.name === 'UsageError') throw err;
  console.error(describeError(err, context));
  return 1;
}
