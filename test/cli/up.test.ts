// `shoal up --once` as a user runs it: a real 3-master group, one status table, clean exit.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOAL_BIN } from '../../src/cli/master-process.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'shoal-up-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function upOnce(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SHOAL_BIN, 'up', '--once', '--base-port=0', `--data-dir=${dataDir}`], { timeout: 45_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('shoal up --once', () => {
  it('starts 3 masters, prints a table with 3 rows and one leader, stops them, exits 0', async () => {
    const { code, stdout, stderr } = await upOnce();
    expect(stderr).toBe('');
    expect(code, stdout).toBe(0);
    const lines = stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('ENDPOINT'));
    expect(header, stdout).toBeGreaterThanOrEqual(0);
    const rows = lines.slice(header + 1).filter((l) => /^127\.0\.0\.1:\d+\s/.test(l));
    expect(rows).toHaveLength(3);
    const cells = rows.map((r) => r.split(/\s+/));
    const roles = cells.map((c) => c[3]);
    expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
    // Everyone names the same leader, and it is the member whose role is leader.
    const leaderName = cells.find((c) => c[3] === 'leader')![1];
    expect(cells.map((c) => c[5])).toEqual([leaderName, leaderName, leaderName]);
    expect(stdout).toMatch(/stopped\s*$/);
    // One log file per master under the data dir.
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.log')).sort()).toEqual(['m1.log', 'm2.log', 'm3.log']);
  });

  it('run again on the same data dir (free ports picked the first time), the group comes back with its data', async () => {
    const { code, stdout, stderr } = await upOnce();
    expect(stderr).toBe('');
    expect(code, stdout).toBe(0);
    // The first run committed the founding entries and a leader's entry at term >= 2; the group
    // found that log again, so the new leader is of a later term.
    const term = Number(/leader elected: m\d \(term (\d+)\)/.exec(stdout)?.[1]);
    expect(term, stdout).toBeGreaterThanOrEqual(3);
  });
});
