// `shoal master`: runs one master until SIGTERM/SIGINT, then stops it cleanly (exit 0).
// Exit 1 when it cannot start or fails while running, 2 on a bad command line.
import { formatId } from '../master/member-id.ts';
import { startMaster } from '../master/master.ts';
import { processLogger } from './logger.ts';
import { MASTER_USAGE, parseMasterFlags } from './master-flags.ts';
import { EXIT_WITH_PARENT_ENV } from './master-process.ts';

export async function runMaster(argv: string[]): Promise<number> {
  const parsed = parseMasterFlags(argv);
  if (parsed.help) {
    console.log(MASTER_USAGE);
    return 0;
  }
  const cfg = parsed.config;
  const baseLog = processLogger(cfg.logLevel, { name: 'shoal-master' });
  // startMaster tags its own lines with the member; these are the command's.
  const log = baseLog.child({ member: cfg.name, memberId: formatId(cfg.id), component: 'cli' });

  let master: Awaited<ReturnType<typeof startMaster>>;
  try {
    master = await startMaster(cfg, baseLog);
  } catch (err) {
    log.fatal({ event: 'master-start-failed', err }, 'master could not start');
    return 1;
  }

  return new Promise<number>((resolve) => {
    let exiting = false;
    const shutdown = (reason: string, code: number) => {
      if (exiting) return;
      exiting = true;
      log.info({ event: 'master-shutdown', reason }, 'stopping');
      master.stop().then(
        () => resolve(code),
        (err: unknown) => {
          log.error({ event: 'master-stop-failed', err }, 'master did not stop cleanly');
          resolve(1);
        },
      );
    };
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.on(sig, () => {
        // A second signal means the operator does not want to wait for the clean stop.
        if (exiting) {
          log.warn({ event: 'master-forced-exit', signal: sig }, 'second signal: exiting now');
          process.exit(1);
        }
        shutdown(sig, 0);
      });
    }
    void master.failed.then((err) => {
      log.fatal({ event: 'master-failed', err }, 'master failed');
      shutdown('failure', 1);
    });
    if (process.env[EXIT_WITH_PARENT_ENV] === '1') {
      const parent = process.ppid;
      const timer = setInterval(() => {
        if (process.ppid !== parent) shutdown('parent exited', 1);
      }, 500);
      timer.unref();
    }
  });
}
