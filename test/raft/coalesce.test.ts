import { describe, expect, it } from 'vitest';
import { coalesceAppends } from '../../src/raft/core/raft.ts';
import { EntryType, MessageType, type Entry, type Message } from '../../src/raft/core/types.ts';

const entry = (index: number, term = 2, size = 10): Entry => ({ index, term, type: EntryType.Normal, data: new Uint8Array(size) });
const app = (to: number, prevIndex: number, prevTerm: number, entries: Entry[], commit = 0): Message => ({
  type: MessageType.App,
  from: 1,
  to,
  term: 2,
  logTerm: prevTerm,
  index: prevIndex,
  entries,
  commit,
  reject: false,
  rejectHint: 0,
  context: new Uint8Array(0),
});
const hb = (to: number): Message => ({ ...app(to, 0, 0, []), type: MessageType.Heartbeat });

describe('coalesceAppends', () => {
  it('merges a run of appends to one peer that continue each other, keeping the highest commit', () => {
    const out = coalesceAppends([app(2, 4, 2, [entry(5)], 3), app(3, 4, 2, [entry(5)]), app(2, 5, 2, [entry(6), entry(7)], 5), app(3, 5, 2, [entry(6)])], 1 << 20);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ to: 2, index: 4, logTerm: 2, commit: 5 });
    expect(out[0].entries.map((e) => e.index)).toEqual([5, 6, 7]);
    expect(out[1].entries.map((e) => e.index)).toEqual([5, 6]);
  });

  it('keeps apart appends that do not continue (a gap, another previous term, another term) or that another message to the peer separates', () => {
    const gap = [app(2, 4, 2, [entry(5)]), app(2, 6, 2, [entry(7)])];
    const otherPrevTerm = [app(2, 4, 2, [entry(5)]), app(2, 5, 1, [entry(6)])];
    const separated = [app(2, 4, 2, [entry(5)]), hb(2), app(2, 5, 2, [entry(6)])];
    const newerTerm = [app(2, 4, 2, [entry(5)]), { ...app(2, 5, 2, [entry(6, 3)]), term: 3 }];
    for (const msgs of [gap, otherPrevTerm, separated, newerTerm]) expect(coalesceAppends(msgs, 1 << 20)).toEqual(msgs);
  });

  it('merges a commit-only append into the run, and stops at the size limit', () => {
    const out = coalesceAppends([app(2, 5, 2, [], 4), app(2, 5, 2, [entry(6)], 5)], 1 << 20);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ index: 5, commit: 5 });
    const big = coalesceAppends([app(2, 4, 2, [entry(5, 2, 600)]), app(2, 5, 2, [entry(6, 2, 600)])], 1000);
    expect(big).toHaveLength(2);
  });
});
