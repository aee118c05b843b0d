// A watch that outlives its stream: it resumes from the last version it saw, and when that
// version is gone (compacted: Gone/Expired), the master went away, or the stream was cut for
// falling behind, it lists again and reports what changed meanwhile, then watches on from
// the list's version. Used by `get -w`, `rollout status` and the waits of delete and drain.
import type { ApiClient, Obj } from '../api-client.ts';
import { ApiCallError } from '../api-client.ts';

export interface WatchTarget {
  resource: string;
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Only this object. */
  name?: string;
}

/** Errors after which listing again cannot help: the request itself is wrong. */
const FATAL = new Set(['BadRequest', 'NotFound', 'Invalid', 'Forbidden', 'MethodNotAllowed']);
/** Consecutive failed rounds (no event in between) before the loop gives up. */
const MAX_FAILED_ROUNDS = 5;

export class WatchLoop {
  /** The last state of every object seen, by namespace/name. */
  readonly seen = new Map<string, Obj>();
  private rv = '';
  private current: { cancel(): void } | undefined;
  private stopped = false;

  constructor(
    private readonly client: ApiClient,
    private readonly target: WatchTarget,
    /** Called for every change, in order; DELETED carries the object's last state. */
    private readonly onEvent: (type: string, obj: Obj) => void,
  ) {}

  /** Starts from a list the caller already has (its items were shown; only later changes are reported). */
  startFrom(items: Obj[], resourceVersion: string): void {
    for (const o of items) this.seen.set(keyOf(o), o);
    this.rv = resourceVersion;
  }

  /** Lists now (reporting nothing) and starts from there; returns the items. */
  async list(): Promise<Obj[]> {
    const r = await this.client.listAll(this.target.resource, this.target.namespace, this.listOptions());
    this.startFrom(r.items, r.resourceVersion);
    return r.items;
  }

  /** Runs until stop(); rejects when the watch cannot go on. */
  async run(): Promise<void> {
    let failed = 0;
    while (!this.stopped) {
      let progressed = false;
      const w = this.client.watch(this.target.resource, this.target.namespace, { ...this.listOptions(), name: this.target.name, resourceVersion: this.rv, allowBookmarks: true }, (type, obj) => {
        progressed = true;
        const v = obj.metadata?.resourceVersion;
        if (v) this.rv = v;
        if (type === 'BOOKMARK') return;
        if (type === 'DELETED') this.seen.delete(keyOf(obj));
        else this.seen.set(keyOf(obj), obj);
        this.onEvent(type, obj);
      });
      this.current = w;
      const err = await w.done;
      this.current = undefined;
      if (!err || this.stopped) return;
      if (!(err instanceof ApiCallError) || FATAL.has(err.reason)) throw err;
      failed = progressed ? 1 : failed + 1;
      if (failed > MAX_FAILED_ROUNDS) throw err;
      if (failed > 1) await new Promise((r) => setTimeout(r, 200 * failed));
      await this.relist().catch((e: unknown) => {
        if (failed >= MAX_FAILED_ROUNDS) throw e;
      });
    }
  }

  stop(): void {
    this.stopped = true;
    this.current?.cancel();
  }

  /** Lists again (failing over to another master if need be) and reports the differences. */
  private async relist(): Promise<void> {
    const r = await this.client.listAll(this.target.resource, this.target.namespace, this.listOptions());
    const now = new Map(r.items.map((o) => [keyOf(o), o]));
    for (const [k, o] of now) {
      const before = this.seen.get(k);
      if (!before) this.onEvent('ADDED', o);
      else if (before.metadata?.resourceVersion !== o.metadata?.resourceVersion) this.onEvent('MODIFIED', o);
    }
    for (const [k, o] of this.seen) if (!now.has(k)) this.onEvent('DELETED', o);
    this.seen.clear();
    for (const [k, o] of now) this.seen.set(k, o);
    this.rv = r.resourceVersion;
  }

  private listOptions(): { labelSelector?: string; fieldSelector?: string } {
    const fieldSelector = [this.target.fieldSelector, this.target.name ? `metadata.name=${this.target.name}` : undefined].filter(Boolean).join(',');
    return { labelSelector: this.target.labelSelector || undefined, fieldSelector: fieldSelector || undefined };
  }
}

export function keyOf(o: Obj): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}
