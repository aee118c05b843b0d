// List and watch: consistent snapshots at one revision (pagination included), and watches
// that continue exactly where a list or an earlier watch left off. A watch with selectors
// tells a client when an object enters (ADDED) or leaves (DELETED) the selection, so a cache
// fed by it stays equal to a fresh list.
import type { ListOpts } from '../client/resource-client.ts';
import { prefixEnd, type Kv, type KvEvent, type KvWatch } from '../../store/client/kv-client.ts';
import { labelSelectorFilter } from './label-filter.ts';
import { ApiError } from './api-errors.ts';
import { decodeObject, type Obj } from './codec.ts';
import { fieldFilter } from './field-selectors.ts';
import { listPrefix, objectKey, type KindSpec } from './kinds.ts';
import { fromKvError } from './kv-errors.ts';
import type { ResourceApi } from './resource-api.ts';

export type ListOptions = ListOpts;

export interface ListResult {
  items: Obj[];
  resourceVersion: string;
  continueToken: string;
  /** -1 when unknown (selectors hide how many of the rest match). */
  remainingItemCount: number;
}

/** Keys read per range while filling a page through a selector. */
const FILTERED_BATCH = 500;
/** Objects a single unpaginated range returns at most per round trip to the store. */
const LIST_BATCH = 5000;

interface ContinueToken {
  rev: number;
  key: string;
}

function encodeToken(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (typeof t.rev === 'number' && typeof t.key === 'string') return t;
  } catch {
    /* fall through */
  }
  throw new ApiError('BadRequest', 'continue: not a token this server issued');
}

function parseRevision(rv: string, what: string): number {
  if (!/^\d+$/.test(rv)) throw new ApiError('BadRequest', `${what}: "${rv}" is not a resourceVersion (a decimal revision)`);
  return Number(rv);
}

type Filter = (obj: Obj) => boolean;

function filterFor(spec: KindSpec, labelSelector = '', fieldSelector = ''): Filter | undefined {
  const byLabel = labelSelectorFilter(labelSelector);
  const byField = fieldFilter(spec.kind, fieldSelector);
  if (!byLabel && !byField) return undefined;
  return (o) => (!byLabel || byLabel(o)) && (!byField || byField(o));
}

export async function listObjects(api: ResourceApi, resource: string, namespace: string, opts: ListOptions = {}): Promise<ListResult> {
  const spec = api.kind(resource);
  const filter = filterFor(spec, opts.labelSelector, opts.fieldSelector);
  const prefix = listPrefix(spec, spec.namespaced ? namespace : '');
  const end = prefixEnd(prefix);
  const limit = opts.limit ?? 0;
  let rev = 0;
  let start = prefix;
  let serializable = false;
  if (opts.continueToken) {
    const t = decodeToken(opts.continueToken);
    if (!t.key.startsWith(prefix)) throw new ApiError('BadRequest', 'continue: the token belongs to another list');
    if (t.rev < api.kv.compactRevision()) {
      throw new ApiError('Gone', `continue: the list's revision ${t.rev} has been compacted; start the list again`);
    }
    rev = t.rev;
    start = t.key;
  } else if (opts.resourceVersion === '0') {
    serializable = true;
  } else if (opts.resourceVersion) {
    rev = parseRevision(opts.resourceVersion, 'resourceVersion');
  }

  const items: Obj[] = [];
  let continueKey = '';
  let remaining = -1;
  for (;;) {
    const want = limit > 0 ? (filter ? FILTERED_BATCH : limit - items.length) : LIST_BATCH;
    let r;
    try {
      r = await api.kv.range({ key: start, end, revision: rev, limit: want, serializable });
    } catch (err) {
      throw fromKvError(err);
    }
    if (rev === 0) rev = r.revision;
    let stoppedAt = -1;
    for (let i = 0; i < r.kvs.length; i++) {
      const obj = decodeObject(r.kvs[i]);
      if (filter && !filter(obj)) continue;
      items.push(obj);
      if (limit > 0 && items.length >= limit) {
        stoppedAt = i;
        break;
      }
    }
    if (stoppedAt >= 0) {
      const isLast = stoppedAt === r.kvs.length - 1 && !r.more;
      if (!isLast) {
        continueKey = nextKey(r.kvs[stoppedAt]);
        if (!filter) remaining = r.count - (stoppedAt + 1);
      } else if (!filter) remaining = 0;
      break;
    }
    if (!r.more || r.kvs.length === 0) break;
    start = nextKey(r.kvs[r.kvs.length - 1]);
  }
  return {
    items,
    resourceVersion: String(rev),
    continueToken: continueKey ? encodeToken({ rev, key: continueKey }) : '',
    remainingItemCount: continueKey ? remaining : 0,
  };
}

function nextKey(kv: Kv): string {
  return `${kv.key}\0`;
}

// ---- watch --------------------------------------------------------------------------------

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** '' or '0': the current objects first (as ADDED), then changes; 'N': changes after N. */
  resourceVersion?: string;
  name?: string;
}

export interface WatchSink {
  event(type: WatchEventType, obj: Obj): void;
  /** The watch cannot go on (compacted: Gone; store stopped). */
  end(err: ApiError): void;
}

export interface ResourceWatch {
  /** The revision up to which everything was delivered, for a bookmark (0 = not caught up). */
  progress(): number;
  cancel(): void;
}

export async function watchObjects(api: ResourceApi, resource: string, namespace: string, opts: WatchOptions, sink: WatchSink): Promise<ResourceWatch> {
  const spec = api.kind(resource);
  const filter = filterFor(spec, opts.labelSelector, opts.fieldSelector) ?? (() => true);
  const ns = spec.namespaced ? namespace : '';
  let key: string;
  let end: string | undefined;
  if (opts.name) {
    key = objectKey(spec, ns || (spec.namespaced ? 'default' : ''), opts.name);
  } else {
    key = listPrefix(spec, ns);
    end = prefixEnd(key);
  }
  let startRevision: number;
  const rv = opts.resourceVersion ?? '';
  if (rv === '' || rv === '0') {
    // The state first, as ADDED events at one revision, then everything after it.
    let listRev = 0;
    let start = key;
    for (;;) {
      let r;
      try {
        r = await api.kv.range({ key: start, end: end ?? `${key}\0`, revision: listRev, limit: LIST_BATCH, serializable: rv === '0' });
      } catch (err) {
        throw fromKvError(err);
      }
      if (listRev === 0) listRev = r.revision;
      for (const kv of r.kvs) {
        const obj = decodeObject(kv);
        if (filter(obj)) sink.event('ADDED', obj);
      }
      if (!r.more || r.kvs.length === 0) break;
      start = nextKey(r.kvs[r.kvs.length - 1]);
    }
    startRevision = listRev + 1;
  } else {
    const n = parseRevision(rv, 'resourceVersion');
    const compacted = api.kv.compactRevision();
    if (n + 1 < compacted) throw new ApiError('Gone', `too old resource version: ${n} (${compacted}); list again and watch from the list's resourceVersion`);
    startRevision = n + 1;
  }

  let watch: KvWatch | undefined;
  let done = false;
  const translate = (e: KvEvent): void => {
    if (e.type === 'delete') {
      if (!e.prevKv) return;
      const last = decodeObject(e.prevKv, e.kv.modRevision);
      if (filter(last)) sink.event('DELETED', last);
      return;
    }
    const obj = decodeObject(e.kv);
    const now = filter(obj);
    const before = e.prevKv ? filter(decodeObject(e.prevKv)) : false;
    if (!e.prevKv || e.kv.createRevision === e.kv.modRevision) {
      if (now) sink.event('ADDED', obj);
    } else if (now && before) sink.event('MODIFIED', obj);
    else if (now) sink.event('ADDED', obj);
    else if (before) sink.event('DELETED', obj);
  };
  watch = api.kv.watch(
    { key, end, startRevision, prevKv: true },
    {
      events: (events) => {
        if (done) return;
        for (const e of events) translate(e);
      },
      canceled: (reason, compactRevision) => {
        if (done) return;
        done = true;
        sink.end(
          compactRevision > 0
            ? new ApiError('Gone', `too old resource version: ${startRevision - 1} (${compactRevision}); list again and watch from the list's resourceVersion`)
            : new ApiError('ServiceUnavailable', `watch ended: ${reason}`),
        );
      },
    },
  );
  return {
    progress: () => (done ? 0 : watch!.progress()),
    cancel: () => {
      done = true;
      watch?.cancel();
    },
  };
}
