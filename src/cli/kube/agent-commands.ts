// `shoal logs` and `shoal exec`: through a master to the pod's node agent and back.
import { UsageError } from '../usage-error.ts';
import { runKube } from './command.ts';
import { intFlag } from './flag-values.ts';

const LOGS_USAGE = `usage: shoal logs POD [-c CONTAINER] [-f] [--previous] [--tail N] [--timestamps]

Prints the log of a container of a pod (its only or first container unless -c).

  -c, --container   the container
  -f, --follow      keep printing as the container writes
  -p, --previous    the instance before the last restart
  --tail N          only the last N lines
  --timestamps      prefix each line with its time`;

const EXEC_USAGE = `usage: shoal exec POD [-c CONTAINER] [-i] -- COMMAND [ARGS...]

Runs a command in a running container of a pod; exits with the command's exit code.

  -c, --container   the container
  -i, --stdin       pass this terminal's input to the command`;

export function runLogs(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: LOGS_USAGE,
    flags: { container: { short: 'c' }, follow: { boolean: true, short: 'f' }, previous: { boolean: true, short: 'p' }, tail: {}, timestamps: { boolean: true } },
    async run(ctx, { values, positionals }) {
      const [pod, ...extra] = positionals;
      if (!pod) throw new UsageError('name the pod');
      if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
      const name = pod.replace(/^(pods?|po)\//, '');
      const tail = intFlag(values.tail, '--tail', -1, -1);
      const l = ctx.client.logs(
        { namespace: ctx.namespace, name, container: (values.container as string | undefined) ?? '', follow: values.follow === true, previous: values.previous === true, timestamps: values.timestamps === true, tailLines: tail },
        (b) => process.stdout.write(b),
      );
      process.once('SIGINT', () => l.cancel());
      await l.done;
      return 0;
    },
  });
}

export function runExec(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  if (dash < 0 && !argv.includes('--help') && !argv.includes('-h')) {
    console.error('shoal exec: put the command after --, e.g. shoal exec web-1 -- ls /');
    return Promise.resolve(2);
  }
  const command = dash >= 0 ? argv.slice(dash + 1) : [];
  return runKube(dash >= 0 ? argv.slice(0, dash) : argv, {
    usage: EXEC_USAGE,
    flags: { container: { short: 'c' }, stdin: { boolean: true, short: 'i' }, tty: { boolean: true, short: 't' } },
    async run(ctx, { values, positionals }) {
      const [pod, ...extra] = positionals;
      if (!pod) throw new UsageError('name the pod');
      if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}" (the command goes after --)`);
      if (command.length === 0) throw new UsageError('no command after --');
      const name = pod.replace(/^(pods?|po)\//, '');
      const withStdin = values.stdin === true;
      const e = ctx.client.exec(
        { namespace: ctx.namespace, name, container: (values.container as string | undefined) ?? '', command, stdin: withStdin, tty: values.tty === true },
        { stdout: (b) => process.stdout.write(b), stderr: (b) => process.stderr.write(b) },
      );
      if (withStdin) {
        process.stdin.on('data', (b: Buffer) => e.write(b));
        process.stdin.on('end', () => e.end());
      } else e.end();
      return e.exitCode;
    },
  });
}
