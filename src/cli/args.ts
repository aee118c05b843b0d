// Flag parsing shared by the subcommands: node's parseArgs, with its errors turned into
// UsageErrors that name the flag (parseArgs's own messages are written for developers).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

export interface FlagSpec {
  /** Takes no value ("--once"). */
  boolean?: boolean;
  short?: string;
  /** May be given more than once ("-f a.yaml -f b.yaml"); every value lands in `lists`. */
  multiple?: boolean;
}

export interface ParseOptions {
  /** Words that are not flags are returned (kubectl-style "get pods web") instead of refused. */
  positionals?: boolean;
}

export interface ParsedFlags<K extends string> {
  values: Record<K, string | boolean | undefined>;
  positionals: string[];
  lists: Record<K, string[]>;
}

/**
 * Parses `argv` against `spec` (flag name without dashes -> spec). A flag may appear at most
 * once unless its spec says `multiple`: a repeated flag is almost always a mistake in a
 * generated command line. A boolean flag also takes "=true" or "=false" ("--wait=false", as
 * kubectl scripts write it); "=false" yields false, absence undefined.
 */
export function parseFlags<K extends string>(argv: string[], spec: Record<K, FlagSpec>, opts: ParseOptions = {}): ParsedFlags<K> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, s] of Object.entries(spec) as [K, FlagSpec][]) {
    options[name] = { type: s.boolean ? 'boolean' : 'string', multiple: true, ...(s.short ? { short: s.short } : {}) };
  }
  const { args, negated } = booleanValues(argv, spec);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw translate(err);
  }
  if (!opts.positionals && parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  const values = {} as Record<K, string | boolean | undefined>;
  const lists = {} as Record<K, string[]>;
  for (const name of Object.keys(spec) as K[]) {
    const v = (parsed.values as Record<string, (string | boolean)[] | undefined>)[name];
    const count = (v?.length ?? 0) + (negated.has(name) ? 1 : 0);
    if (count > 1 && !spec[name].multiple) throw new UsageError(`--${name} given ${count} times`, `--${name}`);
    values[name] = negated.has(name) ? false : v?.[v.length - 1];
    lists[name] = (v ?? []).filter((x): x is string => typeof x === 'string');
  }
  return { values, positionals: parsed.positionals, lists };
}

/** "--flag=true" becomes "--flag"; "--flag=false" is taken out and remembered (parseArgs refuses both). */
function booleanValues(argv: string[], spec: Record<string, FlagSpec>): { args: string[]; negated: Set<string> } {
  const args: string[] = [];
  const negated = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    const m = /^--([^=]+)=(true|false)$/.exec(a);
    if (m && spec[m[1]]?.boolean) {
      if (m[2] === 'true') args.push(`--${m[1]}`);
      else negated.add(m[1]);
    } else {
      args.push(a);
    }
  }
  return { args, negated };
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
