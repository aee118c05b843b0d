// Re-render the report of a saved run: npm run chaos:report -- FILE.json [--out DIR]
// FILE is a report.json or a bare run record. Prints the table; exits as the run would have.

import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exitCodeOf, parseRun, renderTable, writeReport } from './report.ts';

const USAGE =
  'usage: npm run chaos:report -- FILE.json [--out DIR]\n' +
  '  FILE: a report.json or a bare run record. DIR defaults to FILE\'s own directory for a report.json\n' +
  '  (re-rendered in place), else .tmp/chaos/<seed> as a run writes it.';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const file = positionals[0];
  let run;
  try {
    run = parseRun(await readFile(file, 'utf8'), file);
  } catch (err) {
    console.error(`cannot read a chaos run from ${file}: ${(err as Error).message}`);
    return 2;
  }
  const out = values.out ?? (basename(file) === 'report.json' ? dirname(file) : join('.tmp', 'chaos', String(run.seed)));
  const paths = await writeReport(run, out);
  process.stdout.write(renderTable(run));
  console.log(`\nreport: ${paths.txt}\n        ${paths.json}\n        ${paths.svg}`);
  return exitCodeOf(run);
}

process.exitCode = await main();
