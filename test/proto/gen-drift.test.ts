// The generated types under src/gen/ are committed so that a fresh clone type-checks without
// running the generator; this test keeps them from drifting from proto/*.proto.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const committed = path.join(root, 'src', 'gen');
const scratch = mkdtempSync(path.join(tmpdir(), 'shoal-gen-'));
const fresh = path.join(scratch, 'gen');

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const rel = path.join(prefix, name);
      return statSync(path.join(dir, name)).isDirectory() ? listFiles(path.join(dir, name), rel) : [rel];
    })
    .sort();
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated proto types', () => {
  it('src/gen matches what `npm run gen:proto` produces from proto/', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-proto.mjs'), '--out', fresh], { cwd: root, stdio: 'pipe' });
    const hint = 'src/gen is stale: run `npm run gen:proto` and commit the result';
    expect(listFiles(committed), hint).toEqual(listFiles(fresh));
    for (const file of listFiles(fresh)) {
      expect(readFileSync(path.join(committed, file), 'utf8'), `${hint} (${file})`).toBe(readFileSync(path.join(fresh, file), 'utf8'));
    }
  });
});
