// Small JSON state files that survive a crash: written to a temporary file, fsynced, then
// renamed over the old one, so a reader sees either the old or the new content, never half.
// `durable: false` skips the fsync: still whole after the writing process dies (the rename is
// atomic and the page cache outlives the process), but a machine crash may lose or tear the
// file. For state that a machine crash makes moot anyway (the process runtime's records of
// processes that die with the machine), read back with tolerance.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

let seq = 0;

export interface WriteOptions {
  /** fsync before the rename (default true). */
  durable?: boolean;
}

export async function writeJsonAtomic(path: string, value: unknown, opts: WriteOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${++seq}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(value, null, 1) + '\n');
    if (opts.durable !== false) await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

export function writeJsonAtomicSync(path: string, value: unknown, opts: WriteOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${++seq}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(value, null, 1) + '\n');
    if (opts.durable !== false) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The parsed file, or undefined when it does not exist. Throws on unreadable or invalid JSON. */
export function readJsonSync<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
}
