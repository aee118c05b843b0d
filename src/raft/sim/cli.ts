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
  },
});

function fail(msg: string): never {
  console.error(`sim: ${msg}`);
  process.exit(2);
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
