// `shoal logs` and `shoal exec` read from and run in containers, which only a node agent can
// do; the agent is not built yet. They exist so that scripts and fingers find them, and say
// so plainly instead of pretending.
import { parseFlags } from '../args.ts';

const usage = (cmd: string, what: string) => `usage: shoal ${cmd} POD ${cmd === 'exec' ? '-- COMMAND [ARGS...]' : '[-c CONTAINER] [-f]'}

${what}. Not available yet: it needs the node agent, which is future work.`;

export const runLogs = (argv: string[]) => unavailable(argv, 'logs', 'Prints the logs of a container in a pod');
export const runExec = (argv: string[]) => unavailable(argv, 'exec', 'Runs a command in a container of a pod');

async function unavailable(argv: string[], cmd: string, what: string): Promise<number> {
  // Only --help is read: the command fails the same way whatever else it is given.
  const { values } = parseFlags(
    argv.filter((a) => a === '--help' || a === '-h'),
    { help: { boolean: true, short: 'h' } },
  );
  if (values.help) {
    console.log(usage(cmd, what));
    return 0;
  }
  console.error(`error: shoal ${cmd} is not available yet: it is served by the node agent, which is not built yet (future work)`);
  return 1;
}
