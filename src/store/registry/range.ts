// etcd's Range semantics on top of the MVCC store: revision filters, sort, limit, keys_only,
// count_only. Shared by plain reads (served by one member) and reads inside a transaction
// (applied on every member), so both answer alike.
import type { RangeRequest__Output } from '../../gen/etcdserverpb/RangeRequest.ts';
import type { KeyValue, RangeOptions, RangeResult } from '../mvcc/mvcc-store.ts';

export interface RangeView {
  range(key: Uint8Array, opts: RangeOptions): RangeResult;
}

export interface RangeAnswer {
  kvs: KeyValue[];
  more: boolean;
  count: number;
}

const SORT_NONE = 0;
const SORT_ASCEND = 1;
const SORT_DESCEND = 2;
const TARGET_KEY = 0;

export function executeRange(view: RangeView, r: RangeRequest__Output): RangeAnswer {
  let order = r.sortOrder;
  // Results come in key order anyway; any other target with no order means ascending (etcd).
  if (order === SORT_NONE && r.sortTarget !== TARGET_KEY) order = SORT_ASCEND;
  // A filter applies when it is not 0, as in etcd: a negative max keeps nothing.
  const filtered = r.minModRevision !== 0 || r.maxModRevision !== 0 || r.minCreateRevision !== 0 || r.maxCreateRevision !== 0;
  const needAll = filtered || (order !== SORT_NONE && !(order === SORT_ASCEND && r.sortTarget === TARGET_KEY));
  const limit = r.limit > 0 && !needAll ? r.limit : 0;
  // A revision <= 0 reads the current one (etcd's rangeKeys), negative ones included.
  const res = view.range(r.key, { end: r.rangeEnd.byteLength > 0 ? r.rangeEnd : undefined, revision: Math.max(0, r.revision), limit: limit > 0 ? limit + 1 : 0 });
  let kvs = res.kvs;
  if (filtered) {
    kvs = kvs.filter(
      (kv) =>
        (r.minModRevision === 0 || kv.modRevision >= r.minModRevision) &&
        (r.maxModRevision === 0 || kv.modRevision <= r.maxModRevision) &&
        (r.minCreateRevision === 0 || kv.createRevision >= r.minCreateRevision) &&
        (r.maxCreateRevision === 0 || kv.createRevision <= r.maxCreateRevision),
    );
  }
  if (order !== SORT_NONE) {
    const key = sortKey(r.sortTarget);
    const sign = order === SORT_DESCEND ? -1 : 1;
    // Stable, key order among equals: the same answer on every member and every run.
    kvs = kvs
      .map((kv, i) => ({ kv, i }))
      .sort((a, b) => sign * key(a.kv, b.kv) || a.i - b.i)
      .map((x) => x.kv);
  }
  // count_only: etcd's store counts without collecting, so no kvs and never "more".
  if (r.countOnly) return { kvs: [], more: false, count: res.count };
  let more = false;
  if (r.limit > 0 && kvs.length > r.limit) {
    kvs = kvs.slice(0, r.limit);
    more = true;
  }
  if (r.keysOnly) kvs = kvs.map((kv) => ({ ...kv, value: EMPTY }));
  return { kvs, more, count: res.count };
}

const EMPTY = new Uint8Array(0);

function sortKey(target: number): (a: KeyValue, b: KeyValue) => number {
  switch (target) {
    case 1:
      return (a, b) => a.version - b.version;
    case 2:
      return (a, b) => a.createRevision - b.createRevision;
    case 3:
      return (a, b) => a.modRevision - b.modRevision;
    case 4:
      return (a, b) => Buffer.compare(a.value, b.value);
    default:
      return (a, b) => Buffer.compare(a.key, b.key);
  }
}
