// The command line that replays a run: the schedule is drawn from the seed, so the same flags
// give the same faults at the same times.

import type { ChaosRun } from './run-model.ts';

export function replayCommand(run: ChaosRun): string {
  const seconds = run.durationMs / 1000;
  const parts = [
    'npm run chaos --',
    `--seed ${run.seed}`,
    `--masters ${run.masters}`,
    `--agents ${run.agents}`,
    run.rounds !== undefined ? `--rounds ${run.rounds}` : `--duration ${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, '')}`,
    `--faults ${run.faultTypes.join(',')}`,
  ];
  // A test-mode run only reproduces with the same deliberate breakage.
  if (run.broken.length > 0) parts.push(`--break ${run.broken.join(',')}`);
  return parts.join(' ');
}
