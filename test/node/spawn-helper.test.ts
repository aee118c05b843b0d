// The agent's spawn helper gives what execFile gives (exit code, signal, stdout, stderr, input,
// timeout, output limit, exec failure), runs many commands at once, and survives being killed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnDirect, spawnHelperPid, spawnViaHelper, type SpawnRequest } from '../../src/node/util/spawn-helper.ts';

const req = (argv: string[], more: Partial<SpawnRequest> = {}): SpawnRequest => ({ argv, timeoutMs: 10_000, maxBytes: 16 * 1024 * 1024, ...more });

describe('spawn helper', () => {
  it('matches execFile on exit codes, output, input and signals', async () => {
    const cases: SpawnRequest[] = [
      req(['sh', '-c', 'echo out; echo err >&2; exit 3']),
      req(['sh', '-c', 'printf "\\303\\251t\\303\\251\\n"']),
      req(['cat'], { input: 'line one\nline two\n' }),
      req(['sh', '-c', 'kill -TERM $$']),
      req(['true']),
    ];
    for (const c of cases) {
      const [viaHelper, direct] = await Promise.all([spawnViaHelper(c), spawnDirect(c)]);
      expect({ ...viaHelper, error: undefined }, c.argv.join(' ')).toEqual({ ...direct, error: undefined });
    }
    const failed = await spawnViaHelper(req(['sh', '-c', 'exit 3']));
    expect(failed.code).toBe(3);
    expect((await spawnViaHelper(req(['sh', '-c', 'kill -TERM $$']))).signal).toBe('SIGTERM');
  });

  it('runs with the environment given, and nothing else of the agent\'s', async () => {
    const c = req(['sh', '-c', 'echo "$SHOAL_T_FOO/${HOME:-none}"'], { env: { SHOAL_T_FOO: 'bar', PATH: '/usr/bin:/bin' } });
    for (const run of [spawnViaHelper, spawnDirect]) expect((await run(c)).stdout).toBe('bar/none\n');
  });

  it('answers for a daemon once it closed its outputs, and starts it in a session of its own', async () => {
    for (const run of [spawnViaHelper, spawnDirect]) {
      const t0 = Date.now();
      const r = await run(req(['sh', '-c', 'echo "ready $$"; exec >/dev/null 2>&1; sleep 5'], { detach: true }));
      expect(Date.now() - t0).toBeLessThan(4000);
      const m = /^ready (\d+)\n$/.exec(r.stdout);
      expect(m, r.stdout).not.toBeNull();
      const pid = Number(m![1]);
      expect(r.code).toBeNull();
      // Still running, leading its own session.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      expect(Number(fields[3])).toBe(pid); // session id (field 6)
      process.kill(pid, 'SIGKILL');
    }
  });

  it('passes large input and output through whole', async () => {
    const input = 'x'.repeat(3 * 1024 * 1024 + 7) + '\n';
    const r = await spawnViaHelper(req(['cat'], { input }));
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(input.length);
    expect(r.stdout).toBe(input);
  });

  it('kills a command past its timeout, and one past its output limit', async () => {
    const t0 = Date.now();
    const slow = await spawnViaHelper(req(['sleep', '30'], { timeoutMs: 300 }));
    expect(slow.error).toBe('timeout');
    expect(slow.signal).toBe('SIGTERM');
    expect(Date.now() - t0).toBeLessThan(10_000);
    const loud = await spawnViaHelper(req(['sh', '-c', 'yes | head -c 2000000'], { maxBytes: 100_000 }));
    expect(loud.error).toBe('maxBuffer');
  });

  it('reports a command that cannot be executed', async () => {
    const r = await spawnViaHelper(req(['/nonexistent/shoal-no-such-command']));
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/No such file or directory/);
  });

  it('runs many commands at once, each answered with its own output', async () => {
    const n = 150; // more than the in-flight limit: the rest queue
    const results = await Promise.all(Array.from({ length: n }, (_, i) => spawnViaHelper(req(['sh', '-c', `sleep 0.0$((${i} % 5)); echo ${i}`]))));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: n }, (_, i) => String(i)));
  });

  it('a killed helper is replaced: commands in flight fail (never run twice), later ones run', async () => {
    await spawnViaHelper(req(['true']));
    const pid = spawnHelperPid();
    expect(pid).toBeGreaterThan(0);
    const inFlight = spawnViaHelper(req(['sh', '-c', 'sleep 0.3; echo done']));
    await new Promise((r) => setTimeout(r, 50));
    process.kill(pid!, 'SIGKILL');
    expect(await inFlight).toMatchObject({ code: null, error: 'spawn helper died' });
    const after = await spawnViaHelper(req(['echo', 'again']));
    expect(after.stdout).toBe('again\n');
    expect(spawnHelperPid()).not.toBe(pid);
  });
});
