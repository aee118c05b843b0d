// An informer: one list, then one watch from the list's version, kept going for good; a local
// cache of the objects with indexes; handlers told of every add, update and delete. A watch
// that ends is resumed from the last version seen (no gap, no repeat); one whose version was
// compacted (Gone) lists again and tells the handlers what changed meanwhile, so a cache and
// its handlers always converge on the registry's truth.
import type { Logger } from 'pino';
import { reasonOf, type ClientWatch, type Obj, type ResourceClient } from '../client/resource-client.ts';

export interface InformerHandlers {
  add?(obj: Obj): void;
  update?(old: Obj, obj: Obj): void;
  delete?(obj: Obj): void;
}

export type IndexFn = (obj: Obj) => string[];

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  indexes?: Record<string, IndexFn>;
  /** Pause before re-watching after an error (doubles up to 2 s). */
  retryMs?: number;
}

export const keyOf = (obj: Obj): string => (obj.metadata?.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata?.name);

export const splitKey = (key: string): { namespace: string; name: string } => {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
};

/** Common indexes. */
export const byNamespace: IndexFn = (o) => [o.metadata?.namespace ?? ''];
export const byNodeName: IndexFn = (o) => (o.spec?.nodeName ? [o.spec.nodeName] : []);
export const byControllerUid: IndexFn = (o) => (o.metadata?.ownerReferences ?? []).filter((r: Obj) => r.controller).map((r: Obj) => r.uid);
export const byOwnerUid: IndexFn = (o) => (o.metadata?.ownerReferences ?? []).map((r: Obj) => r.uid);

export class Informer {
  private readonly cache = new Map<string, Obj>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly handlers: InformerHandlers[] = [];
  private watch?: ClientWatch;
  private stopped = false;
  private syncedOnce = false;
  private syncWaiters: (() => void)[] = [];
  private lastRv = '';
  private readonly log: Logger;

  constructor(
    private readonly client: ResourceClient,
    readonly resource: string,
    private readonly opts: InformerOptions,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'informer', resource });
    for (const name of Object.keys(opts.indexes ?? {})) this.indexes.set(name, new Map());
  }

  /** Adds handlers; the returned function removes them (a controller that stops leading). */
  on(h: InformerHandlers): () => void {
    this.handlers.push(h);
    // A late handler hears the current state as adds, as if it had been there all along.
    if (this.syncedOnce) for (const o of this.cache.values()) h.add?.(o);
    return () => {
      const i = this.handlers.indexOf(h);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  get hasSynced(): boolean {
    return this.syncedOnce;
  }

  /** The version the cache reflects. */
  get resourceVersion(): string {
    return this.lastRv;
  }

  waitForSync(): Promise<void> {
    if (this.syncedOnce) return Promise.resolve();
    return new Promise((r) => this.syncWaiters.push(r));
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.cancel();
  }

  get(namespace: string, name: string): Obj | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): Obj | undefined {
    return this.cache.get(key);
  }

  list(): Obj[] {
    return [...this.cache.values()];
  }

  byIndex(index: string, value: string): Obj[] {
    const idx = this.indexes.get(index);
    if (!idx) throw new Error(`informer ${this.resource}: no index "${index}"`);
    return [...(idx.get(value) ?? [])].map((k) => this.cache.get(k)!).filter(Boolean);
  }

  private async run(): Promise<void> {
    let delay = this.opts.retryMs ?? 100;
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.relist();
          needList = false;
        }
        const err = await this.watchOnce();
        if (this.stopped) return;
        if (reasonOf(err) === 'Gone') {
          this.log.info({ event: 'informer-relist', rv: this.lastRv }, 'watch version compacted; listing again');
          needList = true;
          continue;
        }
        this.log.debug({ event: 'informer-rewatch', rv: this.lastRv, err: err?.message }, 'watch ended; resuming');
        delay = this.opts.retryMs ?? 100;
      } catch (err) {
        if (reasonOf(err) === 'Gone') needList = true;
        this.log.debug({ event: 'informer-retry', err: (err as Error).message }, 'list/watch failed; retrying');
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(2000, delay * 2);
    }
  }

  private async relist(): Promise<void> {
    const items: Obj[] = [];
    let token = '';
    let rv = '';
    do {
      const page = await this.client.list(this.resource, this.opts.namespace ?? '', {
        labelSelector: this.opts.labelSelector,
        fieldSelector: this.opts.fieldSelector,
        limit: 500,
        continueToken: token,
      });
      if (!rv) rv = page.resourceVersion;
      items.push(...page.items);
      token = page.continueToken;
    } while (token);
    if (this.stopped) return;
    const fresh = new Map(items.map((o) => [keyOf(o), o]));
    for (const [k, old] of [...this.cache]) if (!fresh.has(k)) this.remove(k, old);
    for (const [k, o] of fresh) this.upsert(k, o);
    this.lastRv = rv;
    if (!this.syncedOnce) {
      this.syncedOnce = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  private watchOnce(): Promise<Error | undefined> {
    const w = this.client.watch(
      this.resource,
      this.opts.namespace ?? '',
      { resourceVersion: this.lastRv, labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector, allowBookmarks: true },
      (type, obj) => {
        if (this.stopped) return;
        const rv = obj.metadata?.resourceVersion;
        if (type === 'BOOKMARK') {
          if (rv) this.lastRv = rv;
          return;
        }
        const key = keyOf(obj);
        if (type === 'DELETED') {
          const old = this.cache.get(key);
          if (old) this.remove(key, obj);
        } else this.upsert(key, obj);
        if (rv) this.lastRv = rv;
      },
    );
    this.watch = w;
    return w.done;
  }

  private upsert(key: string, obj: Obj): void {
    const old = this.cache.get(key);
    if (old && old.metadata?.resourceVersion === obj.metadata?.resourceVersion) return;
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    this.index(key, obj);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  private remove(key: string, last: Obj): void {
    const old = this.cache.get(key);
    if (old) this.unindex(key, old);
    this.cache.delete(key);
    for (const h of this.handlers) h.delete?.(last);
  }

  private index(key: string, obj: Obj): void {
    for (const [name, fn] of Object.entries(this.opts.indexes ?? {})) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(obj)) {
        let set = idx.get(v);
        if (!set) idx.set(v, (set = new Set()));
        set.add(key);
      }
    }
  }

  private unindex(key: string, obj: Obj): void {
    for (const [name, fn] of Object.entries(this.opts.indexes ?? {})) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        set?.delete(key);
        if (set?.size === 0) idx.delete(v);
      }
    }
  }
}
