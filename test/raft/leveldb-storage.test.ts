import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Level } from 'level';
import { EntryType, emptySnapshot, type Entry, type HardState, type Snapshot } from '../../src/raft/core/types.ts';
import { CorruptRecordError, type StoredState } from '../../src/raft/storage/storage.ts';
import {
  HARD_STATE_KEY,
  InvalidWriteError,
  LevelDbStorage,
  SNAPSHOT_DATA_KEY,
  SNAPSHOT_META_KEY,
  StorageUnavailableError,
  entryKey,
} from '../../src/raft/storage/leveldb-storage.ts';
import { crc32c } from '../../src/raft/storage/crc32.ts';
import { decodeEntry, decodeHardState, decodeSnapshotMeta, encodeEntry, encodeHardState, encodeSnapshotMeta } from '../../src/raft/storage/codec.ts';
import { crashPayload } from './fixtures/crash-writer.ts';

// ------------------------------------------------------------------ helpers

const dirs: string[] = [];
const open: LevelDbStorage[] = [];

afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'shoal-leveldb-'));
  dirs.push(d);
  return d;
}

async function openStorage(dir: string): Promise<LevelDbStorage> {
  const s = await LevelDbStorage.open(dir);
  open.push(s);
  return s;
}

async function reopen(s: LevelDbStorage): Promise<LevelDbStorage> {
  await s.close();
  return openStorage(s.dir);
}

function payload(index: number, term: number): Uint8Array {
  return new TextEncoder().encode(`i${index}t${term}`.repeat(index % 4));
}

function entry(index: number, term = 1, type = EntryType.Normal): Entry {
  return { term, index, type, data: payload(index, term) };
}

function entries(from: number, to: number, term = 1): Entry[] {
  const out: Entry[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, term));
  return out;
}

function snapshot(index: number, term: number, data = payload(index, term)): Snapshot {
  return { metadata: { index, term, confState: { voters: [1, 2, 3], learners: [9] } }, data };
}

/** Plain arrays instead of byte views, so that equality ignores how the bytes are held. */
function plain(s: StoredState) {
  return {
    hardState: s.hardState,
    snapshot: { metadata: s.snapshot.metadata, data: [...s.snapshot.data] },
    entries: plainEntries(s.entries),
  };
}

function plainEntries(es: Entry[]) {
  return es.map((e) => ({ ...e, data: [...e.data] }));
}

/** Edits the database behind the storage's back, as a disk fault would. */
async function tamper(dir: string, edit: (db: Level<string, Uint8Array>) => Promise<void>): Promise<void> {
  const db = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
  await db.open();
  try {
    await edit(db);
  } finally {
    await db.close();
  }
}

async function rawGet(db: Level<string, Uint8Array>, key: string): Promise<Uint8Array> {
  const v = (await db.get(key)) as Uint8Array | undefined;
  if (!v) throw new Error(`test setup: no value at ${key}`);
  return v.slice();
}

async function loadError(dir: string): Promise<CorruptRecordError> {
  const s = await openStorage(dir);
  const err = await s.load().then(
    () => undefined,
    (e: unknown) => e,
  );
  await s.close();
  expect(err).toBeInstanceOf(CorruptRecordError);
  return err as CorruptRecordError;
}

/** A store holding entries 1..50 (term 1) and a hard state, closed. */
async function fiftyEntries(): Promise<string> {
  const dir = await tempDir();
  const s = await openStorage(dir);
  await s.save({ entries: entries(1, 50), hardState: { term: 1, vote: 2, commit: 40 } });
  await s.close();
  return dir;
}

// ------------------------------------------------------------------ codec

describe('crc32c', () => {
  it('matches the published check values', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
  });

  it('checksums a sub-range like the same bytes on their own', () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff);
    for (const [a, b] of [[0, 100], [3, 50], [7, 8], [9, 9]]) {
      expect(crc32c(bytes, a, b)).toBe(crc32c(bytes.slice(a, b)));
    }
  });
});

describe('record codec', () => {
  it('round-trips entries, hard states and snapshot metadata at the limits', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const e: Entry = { term: max, index: max - 1, type: EntryType.ConfChange, data: Uint8Array.from([0, 255, 7]) };
    const back = decodeEntry(encodeEntry(e), 'entry');
    expect({ ...back, data: [...back.data] }).toEqual({ ...e, data: [0, 255, 7] });
    const hs: HardState = { term: max, vote: 2 ** 40, commit: 0 };
    expect(decodeHardState(encodeHardState(hs), 'hardstate')).toEqual(hs);
    const snap = snapshot(max, 3);
    const meta = decodeSnapshotMeta(encodeSnapshotMeta(snap.metadata, snap.data), 'snapshot');
    expect(meta.metadata).toEqual(snap.metadata);
    expect(meta.dataLength).toBe(snap.data.byteLength);
    expect(meta.dataCrc).toBe(crc32c(snap.data));
  });

  it('refuses to encode numbers the disk format cannot hold exactly', () => {
    expect(() => encodeEntry({ ...entry(1), term: 2 ** 53 })).toThrow(RangeError);
    expect(() => encodeHardState({ term: -1, vote: 0, commit: 0 })).toThrow(RangeError);
    expect(() => encodeEntry({ ...entry(1), type: 7 as EntryType })).toThrow(RangeError);
  });

  it('reports every single flipped bit and every truncation of a record', () => {
    const value = encodeEntry(entry(5, 2));
    for (let bit = 0; bit < value.byteLength * 8; bit++) {
      const bad = value.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(() => decodeEntry(bad, 'entry 5')).toThrow(CorruptRecordError);
    }
    for (let len = 0; len < value.byteLength; len++) {
      expect(() => decodeEntry(value.subarray(0, len), 'entry 5')).toThrow(/torn/);
    }
  });
});

// ------------------------------------------------------------------ storage

describe('LevelDbStorage', () => {
  it('loads an empty state from a fresh directory', async () => {
    const s = await openStorage(await tempDir());
    expect(plain(await s.load())).toEqual(
      plain({ hardState: { term: 0, vote: 0, commit: 0 }, snapshot: emptySnapshot(), entries: [] }),
    );
  });

  it('round-trips hard state and entries across a reopen', async () => {
    let s = await openStorage(await tempDir());
    await s.save({ entries: entries(1, 3), hardState: { term: 1, vote: 1, commit: 0 } });
    await s.save({ entries: [entry(4, 2, EntryType.ConfChange), entry(5, 2)] });
    await s.save({ entries: [], hardState: { term: 2, vote: 3, commit: 4 } });
    const expected = plain({
      hardState: { term: 2, vote: 3, commit: 4 },
      snapshot: emptySnapshot(),
      entries: [...entries(1, 3), entry(4, 2, EntryType.ConfChange), entry(5, 2)],
    });
    expect(plain(await s.load())).toEqual(expected);
    s = await reopen(s);
    expect(plain(await s.load())).toEqual(expected);
  });

  it('truncates the log on conflict', async () => {
    let s = await openStorage(await tempDir());
    await s.save({ entries: entries(1, 10, 1) });
    await s.save({ entries: entries(6, 7, 2) });
    const expected = [...entries(1, 5, 1), ...entries(6, 7, 2)];
    expect(plainEntries((await s.load()).entries)).toEqual(plainEntries(expected));
    s = await reopen(s);
    expect(plainEntries((await s.load()).entries)).toEqual(plainEntries(expected));
    // The tail beyond the new entries is gone, not merely shadowed.
    await s.save({ entries: [entry(8, 3)] });
    s = await reopen(s);
    expect((await s.load()).entries.map((e) => e.term)).toEqual([1, 1, 1, 1, 1, 2, 2, 3]);
  });

  it('truncates correctly when writing right after a reopen, without a load', async () => {
    let s = await openStorage(await tempDir());
    await s.save({ entries: entries(1, 10, 1) });
    s = await reopen(s);
    await s.save({ entries: entries(4, 5, 2) });
    s = await reopen(s);
    expect((await s.load()).entries.map((e) => e.index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('installs a leader snapshot from save: the whole old log goes, later entries stay', async () => {
    let s = await openStorage(await tempDir());
    await s.save({ entries: entries(1, 10, 1) });
    const snap = snapshot(8, 3);
    await s.save({ snapshot: snap, entries: entries(9, 11, 3), hardState: { term: 3, vote: 0, commit: 8 } });
    s = await reopen(s);
    const st = await s.load();
    expect(plain(st)).toEqual(
      plain({ hardState: { term: 3, vote: 0, commit: 8 }, snapshot: snap, entries: entries(9, 11, 3) }),
    );
    // A snapshot beyond the log leaves it empty; appending resumes right after it.
    await s.save({ snapshot: snapshot(20, 4), entries: [] });
    await s.save({ entries: [entry(21, 4)] });
    s = await reopen(s);
    const st2 = await s.load();
    expect(st2.snapshot.metadata.index).toBe(20);
    expect(st2.entries.map((e) => e.index)).toEqual([21]);
  });

  it('compacts entries up to the snapshot index and keeps the rest', async () => {
    let s = await openStorage(await tempDir());
    await s.save({ entries: entries(1, 10), hardState: { term: 1, vote: 1, commit: 10 } });
    const snap = snapshot(6, 1, new Uint8Array(100_000).fill(3));
    await s.compact(snap);
    // An older snapshot arriving late changes nothing.
    await s.compact(snapshot(4, 1));
    s = await reopen(s);
    const st = await s.load();
    expect(plain(st)).toEqual(
      plain({ hardState: { term: 1, vote: 1, commit: 10 }, snapshot: snap, entries: entries(7, 10) }),
    );
    await s.save({ entries: entries(11, 12) });
    s = await reopen(s);
    expect((await s.load()).entries.map((e) => e.index)).toEqual([7, 8, 9, 10, 11, 12]);
  });

  it('refuses saves that would break the log, and writes nothing of them', async () => {
    const s = await openStorage(await tempDir());
    await s.save({ entries: entries(1, 5) });
    await s.compact(snapshot(2, 1));
    const before = plain(await s.load());
    await expect(s.save({ entries: [entry(7)] })).rejects.toThrow(InvalidWriteError);
    await expect(s.save({ entries: [entry(2)], hardState: { term: 9, vote: 9, commit: 9 } })).rejects.toThrow(/snapshot index/);
    await expect(s.save({ entries: [entry(4), entry(6)] })).rejects.toThrow(/contiguous/);
    await expect(s.save({ snapshot: snapshot(1, 1), entries: [] })).rejects.toThrow(/older/);
    expect(plain(await s.load())).toEqual(before);
  });

  it('refuses operations after close', async () => {
    const s = await openStorage(await tempDir());
    await s.close();
    await expect(s.load()).rejects.toThrow(StorageUnavailableError);
    await expect(s.save({ entries: [entry(1)] })).rejects.toThrow(/closed/);
  });

  it('runs concurrent calls in order', async () => {
    let s = await openStorage(await tempDir());
    const writes = [
      s.save({ entries: entries(1, 10, 1) }),
      s.save({ entries: entries(5, 6, 2) }),
      s.compact(snapshot(3, 1)),
      s.save({ entries: [entry(7, 2)], hardState: { term: 2, vote: 1, commit: 6 } }),
    ];
    await Promise.all(writes);
    s = await reopen(s);
    const st = await s.load();
    expect(st.snapshot.metadata.index).toBe(3);
    expect(st.entries.map((e) => [e.index, e.term])).toEqual([[4, 1], [5, 2], [6, 2], [7, 2]]);
  });
});

// ------------------------------------------------------------------ corruption

describe('LevelDbStorage corruption detection', () => {
  it('names an entry with a flipped byte', async () => {
    const dir = await fiftyEntries();
    await tamper(dir, async (db) => {
      const v = await rawGet(db, entryKey(42));
      v[v.byteLength - 1] ^= 0x10;
      await db.put(entryKey(42), v);
    });
    const err = await loadError(dir);
    expect(err.record).toBe('entry 42');
    expect(err.reason).toMatch(/checksum/);
  });

  it('names a torn entry', async () => {
    const dir = await fiftyEntries();
    await tamper(dir, async (db) => {
      const v = await rawGet(db, entryKey(17));
      await db.put(entryKey(17), v.subarray(0, v.byteLength - 3));
    });
    const err = await loadError(dir);
    expect(err.record).toBe('entry 17');
    expect(err.reason).toMatch(/torn/);
  });

  it('names a torn or flipped hard state', async () => {
    const dir = await fiftyEntries();
    await tamper(dir, async (db) => {
      await db.put(HARD_STATE_KEY, (await rawGet(db, HARD_STATE_KEY)).subarray(0, 5));
    });
    expect((await loadError(dir)).record).toBe('hardstate');
    await tamper(dir, async (db) => {
      await db.put(HARD_STATE_KEY, encodeHardState({ term: 1, vote: 2, commit: 3 }).map((b, i) => (i === 12 ? b ^ 1 : b)));
    });
    expect((await loadError(dir)).reason).toMatch(/checksum/);
  });

  it('names a gap in the log', async () => {
    const dir = await fiftyEntries();
    await tamper(dir, (db) => db.del(entryKey(30)));
    const err = await loadError(dir);
    expect(err.record).toBe('entry 30');
    expect(err.reason).toMatch(/missing/);
  });

  it('names a missing first entry after the snapshot', async () => {
    const dir = await fiftyEntries();
    const s = await openStorage(dir);
    await s.compact(snapshot(10, 1));
    await s.close();
    await tamper(dir, (db) => db.del(entryKey(11)));
    expect((await loadError(dir)).record).toBe('entry 11');
  });

  it('names an entry whose stored index does not match its key', async () => {
    const dir = await fiftyEntries();
    await tamper(dir, async (db) => db.put(entryKey(8), await rawGet(db, entryKey(7))));
    const err = await loadError(dir);
    expect(err.record).toBe('entry 8');
    expect(err.reason).toMatch(/index 7/);
  });

  it('names a corrupt, torn or half-written snapshot', async () => {
    const dir = await fiftyEntries();
    const s = await openStorage(dir);
    await s.compact(snapshot(10, 1, new Uint8Array(5000).fill(9)));
    await s.close();
    let data: Uint8Array = new Uint8Array();
    let meta: Uint8Array = new Uint8Array();
    await tamper(dir, async (db) => {
      data = await rawGet(db, SNAPSHOT_DATA_KEY);
      meta = await rawGet(db, SNAPSHOT_META_KEY);
    });

    await tamper(dir, (db) => db.put(SNAPSHOT_DATA_KEY, data.map((b, i) => (i === 2500 ? b ^ 0x80 : b))));
    let err = await loadError(dir);
    expect([err.record, err.reason]).toEqual(['snapshot', expect.stringMatching(/data checksum/)]);

    await tamper(dir, (db) => db.put(SNAPSHOT_DATA_KEY, data.subarray(0, 4000)));
    err = await loadError(dir);
    expect([err.record, err.reason]).toEqual(['snapshot', expect.stringMatching(/torn data/)]);

    await tamper(dir, async (db) => {
      await db.put(SNAPSHOT_DATA_KEY, data);
      await db.put(SNAPSHOT_META_KEY, meta.map((b, i) => (i === 9 ? b ^ 4 : b)));
    });
    err = await loadError(dir);
    expect([err.record, err.reason]).toEqual(['snapshot', expect.stringMatching(/metadata checksum/)]);

    await tamper(dir, (db) => db.del(SNAPSHOT_META_KEY));
    expect((await loadError(dir)).reason).toMatch(/metadata missing/);
  });

  it('reports entries left at or below the snapshot index', async () => {
    const dir = await fiftyEntries();
    const s = await openStorage(dir);
    await s.compact(snapshot(10, 1));
    await s.close();
    await tamper(dir, async (db) => db.put(entryKey(10), encodeEntry(entry(10))));
    expect((await loadError(dir)).record).toBe('entry 10');
  });
});

// ------------------------------------------------------------------ model-based property

/** What the storage must hold: the obvious in-memory log. */
class Model {
  hardState: HardState = { term: 0, vote: 0, commit: 0 };
  snapshot: Snapshot = emptySnapshot();
  log: Entry[] = [];

  get snapIndex(): number {
    return this.snapshot.metadata.index;
  }

  get lastIndex(): number {
    return this.snapIndex + this.log.length;
  }

  save(snap: Snapshot | undefined, es: Entry[], hs: HardState | undefined): void {
    if (snap) {
      this.snapshot = snap;
      this.log = [];
    }
    if (es.length > 0) this.log = [...this.log.slice(0, es[0].index - this.snapIndex - 1), ...es];
    if (hs) this.hardState = hs;
  }

  compact(snap: Snapshot): void {
    const index = snap.metadata.index;
    if (index <= this.snapIndex) return;
    this.log = this.log.filter((e) => e.index > index);
    this.snapshot = snap;
  }

  state(): StoredState {
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.log };
  }
}

const hardStateArb = fc.record({ term: fc.nat(50), vote: fc.nat(5), commit: fc.nat(100) });
const commandArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('save' as const),
      back: fc.nat(6),
      count: fc.nat(8),
      term: fc.integer({ min: 1, max: 6 }),
      confChange: fc.boolean(),
      hardState: fc.option(hardStateArb, { nil: undefined }),
      snapAhead: fc.option(fc.nat(12), { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('compact' as const), ahead: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), load: fc.boolean() }) },
);

describe('LevelDbStorage against an in-memory model', () => {
  it('loads exactly what the model holds after any sequence of saves, compactions and reopens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { maxLength: 30 }), async (commands) => {
        const dir = await tempDir();
        let s = await openStorage(dir);
        const model = new Model();
        try {
          for (const c of commands) {
            if (c.kind === 'save') {
              const snap = c.snapAhead === undefined ? undefined : snapshot(model.snapIndex + c.snapAhead, c.term);
              const base = snap ? snap.metadata.index : model.lastIndex;
              const floor = snap ? snap.metadata.index : model.snapIndex;
              const first = Math.max(floor + 1, base + 1 - c.back);
              const es = entries(first, first + c.count - 1, c.term).map((e, i) =>
                c.confChange && i === 0 ? { ...e, type: EntryType.ConfChange } : e,
              );
              await s.save({ snapshot: snap, entries: es, hardState: c.hardState });
              model.save(snap, es, c.hardState);
            } else if (c.kind === 'compact') {
              const snap = snapshot(model.snapIndex + c.ahead, 1);
              await s.compact(snap);
              model.compact(snap);
            } else {
              s = await reopen(s);
              if (c.load) expect(plain(await s.load())).toEqual(plain(model.state()));
            }
          }
          s = await reopen(s);
          expect(plain(await s.load())).toEqual(plain(model.state()));
        } finally {
          await s.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});

// ------------------------------------------------------------------ crash

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));

interface Acks {
  lastAck: number;
  snaps: number[];
  stderr: string;
}

/** Runs the writer until it has acknowledged at least `acks` saves, then kill -9s it. */
function runAndKill(dir: string, acks: number): Promise<Acks> {
  return new Promise((resolve, reject) => {
    // node itself, not npx/tsx wrappers: SIGKILL must hit the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const result: Acks = { lastAck: 0, snaps: [], stderr: '' };
    let seen = 0;
    let pending = '';
    let killed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr.on('data', (d: Buffer) => (result.stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, n] = line.split(' ');
        if (kind === 'ack') {
          result.lastAck = Number(n);
          seen++;
        } else if (kind === 'snap') result.snaps.push(Number(n));
      }
      if (seen >= acks && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (!killed || signal !== 'SIGKILL') reject(new Error(`writer ended on its own (${signal}); stderr:\n${result.stderr}`));
      else resolve(result);
    });
  });
}

describe('LevelDbStorage under kill -9', () => {
  it('keeps every acknowledged save', async () => {
    const dir = await tempDir();
    let everAcked = 0;
    for (const acks of [40, 150, 300, 90]) {
      const run = await runAndKill(dir, acks);
      expect(run.lastAck).toBeGreaterThan(everAcked);
      everAcked = run.lastAck;

      const s = await openStorage(dir);
      const st = await s.load();
      await s.close();
      const snapIndex = st.snapshot.metadata.index;
      const lastIndex = snapIndex + st.entries.length;
      // Every acknowledged index is there (in the log or under the snapshot); at most the
      // save in flight at the kill is there beyond it.
      expect(lastIndex).toBeGreaterThanOrEqual(run.lastAck);
      expect(lastIndex - run.lastAck).toBeLessThanOrEqual(5);
      expect(snapIndex).toBeGreaterThanOrEqual(Math.max(0, ...run.snaps));
      // The hard state was in the same batch as the entries: all or nothing.
      expect(st.hardState).toEqual({ term: 1, vote: 1, commit: lastIndex });
      if (snapIndex > 0) expect([...st.snapshot.data]).toEqual([...crashPayload(snapIndex)]);
      st.entries.forEach((e, i) => {
        expect(e.index).toBe(snapIndex + 1 + i);
        expect([...e.data]).toEqual([...crashPayload(e.index)]);
      });
    }
  });
});
