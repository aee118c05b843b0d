// `npm run chaos -- --masters 3|5 --agents N --duration S --seed S --faults LIST [--break MODE]
// [--replicas N] [--out DIR]`: one chaos run on test hosts inside the network sandbox; prints
// a live progress line, then the report (table; JSON and SVG timeline written to --out). Exit
// code 1 on any anomaly (with the command that replays the seed), 2 on a bad command line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { breakMode, BREAK_MODES } from './break-modes.ts';
import { ALL_FAULTS } from './faults.ts';
import { inSandbox } from './hosts.ts';
import { exitCodeOf, renderTable, writeReport } from './report.ts';
import type { FaultType } from './run-model.ts';
import { runChaos } from './runner.ts';

const USAGE = `usage: npm run chaos -- [flags]   (root, inside the sandbox: the npm script enters it)

  --masters 3|5        masters, each on its own test host (default 3)
  --agents N           agent hosts, process runtime, pod network, iptables proxy (default 2; 0 = KV only)
  --duration S         seconds of faults (default 60)
  --seed N             the schedule's seed (default: random, printed)
  --faults LIST        comma-separated, default all: ${ALL_FAULTS.join(',')}
  --replicas N         the workload Deployment's replicas (default 6)
  --rounds N           instead of --duration: exactly N rounds, each fault type once per round
                       (npm test's smoke: --rounds 1)
  --recovery-timeout S a fault not healed within S seconds is an anomaly (default 30)
  --break MODE         test mode: run a deliberately broken component (${Object.keys(BREAK_MODES).join(', ')}); the run must fail
  --log-level LEVEL    masters' and agents' log level (default warn; logs stay in the run's host dirs)
  --out DIR            where report.json / report.svg / report.txt go (default .tmp/chaos/<seed>)`;

function fail(msg: string): never {
  console.error(`chaos: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

function int(v: string | undefined, flag: string, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${flag} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        masters: { type: 'string' },
        agents: { type: 'string' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        faults: { type: 'string' },
        replicas: { type: 'string' },
        rounds: { type: 'string' },
        'recovery-timeout': { type: 'string' },
        'log-level': { type: 'string' },
        break: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const masters = int(values.masters as string | undefined, 'masters', 3, 3, 5);
  if (masters !== 3 && masters !== 5) fail('--masters must be 3 or 5');
  const agents = int(values.agents as string | undefined, 'agents', 2, 0, 8);
  const durationS = int(values.duration as string | undefined, 'duration', 60, 5, 86_400);
  const seed = int(values.seed as string | undefined, 'seed', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 31 - 1);
  const rounds = values.rounds === undefined ? undefined : int(values.rounds as string, 'rounds', 1, 1, 1000);
  const recoveryS = int(values['recovery-timeout'] as string | undefined, 'recovery-timeout', 30, 1, 3600);
  const replicas = int(values.replicas as string | undefined, 'replicas', 6, 1, 50);
  const faults = ((values.faults as string | undefined)?.split(',').filter(Boolean) ?? ALL_FAULTS) as FaultType[];
  for (const f of faults) if (!ALL_FAULTS.includes(f)) fail(`--faults: unknown fault "${f}"; known: ${ALL_FAULTS.join(', ')}`);
  let broken: { name: string; masterFlags: string[]; agentFlags: string[] }[] = [];
  if (values.break) {
    try {
      broken = String(values.break).split(',').filter(Boolean).map((name) => {
        const m = breakMode(name);
        return { name: m.name, masterFlags: m.component === 'master' ? [m.flag] : [], agentFlags: m.component === 'agent' ? [m.flag] : [] };
      });
    } catch (err) {
      fail(`--break: ${(err as Error).message}`);
    }
  }
  if (!inSandbox()) {
    console.error('chaos: runs as root inside the network sandbox only (the npm script enters it: npm run chaos -- ...)');
    return 2;
  }
  const out = (values.out as string | undefined) ?? path.join('.tmp', 'chaos', String(seed));
  const root = mkdtempSync(path.join(tmpdir(), `shoal-chaos-${seed}-`));
  console.log(`chaos: seed ${seed}, ${masters} masters, ${agents} agents, ${rounds ? `${rounds} round(s)` : `${durationS} s`}, faults ${faults.join(',')}${broken.length ? `, BROKEN ON PURPOSE: ${broken.map((b) => b.name).join(',')}` : ''}`);
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  const run = await runChaos({
    masters,
    agents,
    durationMs: durationS * 1000,
    seed,
    faults,
    replicas,
    rounds,
    logLevel: (values['log-level'] as string | undefined) ?? 'warn',
    recoveryTimeoutMs: recoveryS * 1000,
    root,
    broken,
    progress: (line) => {
      if (tty) process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 120) - 1).padEnd((process.stderr.columns || 120) - 1)}`);
      else if (Date.now() - lastPrinted > 5000) {
        lastPrinted = Date.now();
        process.stderr.write(`${line}\n`);
      }
    },
  });
  if (tty) process.stderr.write('\n');
  const paths = await writeReport(run, out);
  console.log(renderTable(run));
  console.log(`report: ${paths.txt}, ${paths.json}, ${paths.svg}`);
  console.log(`logs of every master and agent: ${root}`);
  return exitCodeOf(run);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
