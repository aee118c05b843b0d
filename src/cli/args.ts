// Flag parsing shared by the subcommands: node's parseArgs, with its errors turned into
// UsageErrors that name the flag (parseArgs's own messages are written for developers).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

export interface FlagSpec {
  /** Takes no value ("--once"). */
  boolean?: boolean;
  short?: string;
}

/**
 * Parses `argv` against `spec` (flag name without dashes -> spec). Every flag may appear at
 * most once: a repeated flag is almost always a mistake in a generated command line.
 */
export function parseFlags<K extends string>(argv: string[], spec: Record<K, FlagSpec>): { values: Record<K, string | boolean | undefined> } {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, s] of Object.entries(spec) as [K, FlagSpec][]) {
    options[name] = { type: s.boolean ? 'boolean' : 'string', multiple: true, ...(s.short ? { short: s.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw translate(err);
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  const values = {} as Record<K, string | boolean | undefined>;
  for (const name of Object.keys(spec) as K[]) {
    const v = (parsed.values as Record<string, (string | boolean)[] | undefined>)[name];
    if (v && v.length > 1) throw new UsageError(`--${name} given ${v.length} times`, `--${name}`);
    values[name] = v?.[0];
  }
  return { values };
}

function translate(err: unknown): Error {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  // parseArgs names the option inside quotes, e.g. "Unknown option '--foo'".
  const flag = /'(-{1,2}[^'\s]+)/.exec(msg)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown flag ${flag ?? msg}`, flag);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(msg)) return new UsageError(`${flag} takes no value`, flag);
      // "argument missing", or "ambiguous" when the next word looks like a flag itself.
      return new UsageError(`${flag} needs a value`, flag);
    default:
      return err instanceof Error ? err : new Error(msg);
  }
}
