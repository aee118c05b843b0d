// The `shoal` command: dispatches to a subcommand. Exit status: 0 ok, 1 failed, 2 bad usage.
import { EXIT_USAGE, UsageError } from './usage-error.ts';

// Loaded on demand: `shoal status` need not load LevelDB and the Raft node.
const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; about: string }> = {
  master: { run: async (a) => (await import('./master.ts')).runMaster(a), about: 'run one master (Raft peer + client API)' },
  agent: { run: async (a) => (await import('./agent.ts')).runAgent(a), about: 'run one node agent (pods on Docker or as processes)' },
  image: { run: async (a) => (await import('./image.ts')).runImage(a), about: 'import an image from a root filesystem tarball' },
  status: { run: async (a) => (await import('./status.ts')).runStatus(a), about: 'show the Raft status of masters' },
  up: { run: async (a) => (await import('./up.ts')).runUp(a), about: 'run a local group of masters for development' },
  // kubectl-like commands (src/cli/kube), talking to the masters' resource API.
  apply: { run: async (a) => (await import('./kube/apply.ts')).runApply(a), about: 'create or update objects from manifests (-f)' },
  create: { run: async (a) => (await import('./kube/create.ts')).runCreate(a), about: 'create objects from manifests or a generator' },
  get: { run: async (a) => (await import('./kube/get.ts')).runGet(a), about: 'list objects (tables, -o yaml|json|wide|name, -w)' },
  describe: { run: async (a) => (await import('./kube/describe.ts')).runDescribe(a), about: 'show objects in detail, with their events' },
  delete: { run: async (a) => (await import('./kube/delete.ts')).runDelete(a), about: 'delete objects and wait until they are gone' },
  scale: { run: async (a) => (await import('./kube/scale.ts')).runScale(a), about: 'set the replica count of a workload' },
  label: { run: async (a) => (await import('./kube/label.ts')).runLabel(a), about: 'set or remove labels' },
  annotate: { run: async (a) => (await import('./kube/label.ts')).runAnnotate(a), about: 'set or remove annotations' },
  rollout: { run: async (a) => (await import('./kube/rollout.ts')).runRollout(a), about: 'status, history, undo, restart, pause, resume of a deployment' },
  autoscale: { run: async (a) => (await import('./kube/autoscale.ts')).runAutoscale(a), about: 'create a horizontal pod autoscaler for a workload' },
  cordon: { run: async (a) => (await import('./kube/cordon.ts')).runCordon(a), about: 'mark nodes unschedulable' },
  uncordon: { run: async (a) => (await import('./kube/cordon.ts')).runUncordon(a), about: 'mark nodes schedulable' },
  drain: { run: async (a) => (await import('./kube/drain.ts')).runDrain(a), about: 'cordon a node and delete its pods' },
  cluster: { run: async (a) => (await import('./kube/cluster.ts')).runCluster(a), about: 'cluster status: masters, leader, term, size, health' },
  'api-resources': { run: async (a) => (await import('./kube/api-resources.ts')).runApiResources(a), about: 'list the resource types the masters serve' },
  top: { run: async (a) => (await import('./kube/top.ts')).runTop(a), about: 'CPU and memory in use by pods or nodes' },
  logs: { run: async (a) => (await import('./kube/agent-commands.ts')).runLogs(a), about: 'print the log of a container (-f to follow)' },
  exec: { run: async (a) => (await import('./kube/agent-commands.ts')).runExec(a), about: 'run a command in a container' },
  completion: { run: async (a) => (await import('./kube/completion.ts')).runCompletion(a), about: 'print a bash or zsh completion script' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.about}`);
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
