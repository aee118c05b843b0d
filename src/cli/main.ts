// The `shoal` command: dispatches to a subcommand. Exit status: 0 ok, 1 failed, 2 bad usage.
import { EXIT_USAGE, UsageError } from './usage-error.ts';

// Loaded on demand: `shoal status` need not load LevelDB and the Raft node.
const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; about: string }> = {
  master: { run: async (a) => (await import('./master.ts')).runMaster(a), about: 'run one master (Raft peer + client API)' },
  status: { run: async (a) => (await import('./status.ts')).runStatus(a), about: 'show the Raft status of masters' },
  up: { run: async (a) => (await import('./up.ts')).runUp(a), about: 'run a local group of masters for development' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}`);
  return `usage: shoal <command> [flags]\n\ncommands:\n${lines.join('\n')}\n\n'shoal <command> --help' describes a command's flags.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`shoal: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`shoal ${name}: ${err.message}\n(see 'shoal ${name} --help')`);
      return EXIT_USAGE;
    }
    console.error(`shoal ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Open gRPC channels or timers must not keep a finished command alive.
process.exit(code);
