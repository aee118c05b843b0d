// wrk (Debian's package) run inside a network namespace, its figures read from a Lua `done`
// hook as JSON rather than scraped from its human-readable report. With `targets`, wrk's
// threads connect to those addresses in turn (thread.addr), so a direct run spreads its
// connections evenly over the same pods a virtual IP spreads them over.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchNetns } from './netns.ts';

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  latMeanMs: number;
  latP50Ms: number;
  latP99Ms: number;
  errors: number;
}

export interface WrkRun {
  netns: string;
  url: string;
  /** Connect to these ip:port instead of the URL's host (one per thread, round robin). */
  targets?: { ip: string; port: number }[];
  threads: number;
  connections: number;
  seconds: number;
  /** Ask the server to close after each response: every request is a new TCP connection. */
  closeEach: boolean;
  tmpDir: string;
}

function script(targets: { ip: string; port: number }[]): string {
  const list = targets.map((t) => `{"${t.ip}", "${t.port}"}`).join(', ');
  return `
local targets = { ${list} }
local n = 0
function setup(thread)
  if #targets > 0 then
    local t = targets[n % #targets + 1]
    n = n + 1
    thread.addr = wrk.lookup(t[1], t[2])[1]
  end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"errors":%d,"mean_us":%f,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(99)))
end
`;
}

let seq = 0;

export async function runWrk(ns: BenchNetns, r: WrkRun): Promise<WrkResult> {
  const file = join(r.tmpDir, `wrk-${process.pid}-${seq++}.lua`);
  writeFileSync(file, script(r.targets ?? []));
  const argv = ['wrk', '-t', String(r.threads), '-c', String(r.connections), '-d', `${r.seconds}s`, '--timeout', '5s', '-s', file];
  if (r.closeEach) argv.push('-H', 'Connection: close');
  argv.push(r.url);
  const out = await ns.run(r.netns, argv, { timeoutMs: (r.seconds + 30) * 1000 });
  const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk printed no figures:\n${out}`);
  const j = JSON.parse(line.slice(8)) as { requests: number; duration_us: number; errors: number; mean_us: number; p50_us: number; p99_us: number };
  const seconds = j.duration_us / 1e6;
  return { requests: j.requests, seconds, rps: j.requests / seconds, latMeanMs: j.mean_us / 1000, latP50Ms: j.p50_us / 1000, latP99Ms: j.p99_us / 1000, errors: j.errors };
}
