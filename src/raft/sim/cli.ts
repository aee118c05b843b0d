import { parseArgs } from 'node:util';
import { runSimulation, type SimResult } from './simulation.ts';
import type { PlantedBug } from '../core/raft.ts';

const BUGS: PlantedBug[] = ['commit-old-term', 'vote-without-log-check', 'no-persist-before-send'];

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '100' },
    seed: { type: 'string' },
    peers: { type: 'string', default: '3' },
    bug: { type: 'string' },
    'chaos-ms': { type: 'string' },
    trace: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
});

function fail(msg: string): never {
  console.error(`sim: ${msg}`);
  process.exit(2);
}

if (values.smoke) {
  process.exit(runSmoke());
}

const peers = Number(values.peers);
if (peers !== 3 && peers !== 5) fail(`--peers: must be 3 or 5, got ${values.peers}`);
const count = Number(values.seeds);
if (!Number.isInteger(count) || count < 1) fail(`--seeds: must be a positive integer, got ${values.seeds}`);
const bug = values.bug as PlantedBug | undefined;
if (bug !== undefined && !BUGS.includes(bug)) fail(`--bug: must be one of ${BUGS.join(', ')}, got ${values.bug}`);
const first = values.seed !== undefined ? Number(values.seed) : 1;
if (!Number.isInteger(first) || first < 0) fail(`--seed: must be a non-negative integer, got ${values.seed}`);
const runs = values.seed !== undefined && values.seeds === '100' ? 1 : count;
const chaosMs = values['chaos-ms'] !== undefined ? Number(values['chaos-ms']) : undefined;

const started = Date.now();
let events = 0;
let failed: SimResult | undefined;
for (let s = first; s < first + runs; s++) {
  const r = runSimulation({ seed: s, peers, bug, chaosMs, traceLines: values.trace ? 100_000 : 200 });
  events += r.stats.events;
  if (values.trace) for (const line of r.trace) console.log(line);
  if (!r.ok) {
    failed = r;
    break;
  }
  if (!values.quiet && runs > 1 && (s - first + 1) % 100 === 0) {
    process.stderr.write(`  ${s - first + 1}/${runs} seeds ok (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
  }
  if (runs === 1) console.log(JSON.stringify(r.stats));
}
const secs = (Date.now() - started) / 1000;
if (failed) {
  if (!values.trace) for (const line of failed.trace.slice(-40)) console.log(line);
  const bugFlag = bug ? ` --bug ${bug}` : '';
  const chaosFlag = chaosMs !== undefined ? ` --chaos-ms ${chaosMs}` : '';
  console.log(`FAILED seed ${failed.seed} (peers ${peers}${bug ? `, planted bug ${bug}` : ''}): ${failed.failure}`);
  console.log(`replay: npm run sim -- --seed ${failed.seed} --peers ${peers}${bugFlag}${chaosFlag} --trace`);
  console.log(`after ${failed.seed - first + 1} seed(s), ${secs.toFixed(1)}s`);
  process.exit(1);
}
console.log(`ok: ${runs} seed(s) from ${first}, ${peers} peers${bug ? `, bug ${bug}` : ''}: ${events} events in ${secs.toFixed(1)}s`);

/**
 * What `npm test` runs: 500 seeds of 3 and of 5 peers must all hold, and each planted bug
 * must be caught within 2000 seeds (else the checkers have gone blind).
 */
function runSmoke(): number {
  const t0 = Date.now();
  let ok = true;
  for (const peers of [3, 5]) {
    let events = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const r = runSimulation({ seed, peers });
      events += r.stats.events;
      if (!r.ok) {
        for (const line of r.trace.slice(-40)) console.log(line);
        console.log(`FAILED seed ${seed} (peers ${peers}): ${r.failure}`);
        console.log(`replay: npm run sim -- --seed ${seed} --peers ${peers} --trace`);
        ok = false;
        break;
      }
    }
    if (ok) console.log(`smoke: 500 seeds x ${peers} peers hold (${events} events, ${((Date.now() - t0) / 1000).toFixed(1)}s so far)`);
  }
  for (const bug of BUGS) {
    let caughtAt: SimResult | undefined;
    for (let seed = 1; seed <= 2000 && !caughtAt; seed++) {
      const r = runSimulation({ seed, peers: 3, bug, traceLines: 0 });
      if (!r.ok) caughtAt = r;
    }
    if (caughtAt) console.log(`smoke: planted bug ${bug} caught at seed ${caughtAt.seed}: ${caughtAt.failure}`);
    else {
      console.log(`smoke: planted bug ${bug} NOT caught in 2000 seeds: the checkers or the fault schedule went blind`);
      ok = false;
    }
  }
  console.log(`smoke ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return ok ? 0 : 1;
}
