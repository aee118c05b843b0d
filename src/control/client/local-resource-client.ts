// ResourceClient over a master's own ResourceApi: no serialization, no network; watches are
// fed straight from the member's watch hub.
import type { ApiError } from '../api/api-errors.ts';
import { listObjects, watchObjects, type ResourceWatch } from '../api/list-watch.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import type { ClientWatch, DeleteOpts, ListOpts, ListReply, Obj, ResourceClient, WatchOpts, WriteOpts } from './resource-client.ts';

/** How often a local watch that asked for bookmarks hears the current version. */
const BOOKMARK_INTERVAL_MS = 1000;

export class LocalResourceClient implements ResourceClient {
  constructor(private readonly api: ResourceApi) {}

  create(resource: string, namespace: string, obj: Obj, opts: WriteOpts = {}): Promise<Obj> {
    return this.api.create(resource, namespace, obj, opts);
  }

  get(resource: string, namespace: string, name: string, subresource = ''): Promise<Obj> {
    return this.api.get(resource, namespace, name, subresource);
  }

  list(resource: string, namespace: string, opts: ListOpts = {}): Promise<ListReply> {
    return listObjects(this.api, resource, namespace, opts);
  }

  update(resource: string, namespace: string, obj: Obj, opts: WriteOpts = {}): Promise<Obj> {
    return this.api.update(resource, namespace, obj, opts);
  }

  patch(resource: string, namespace: string, name: string, patch: Obj, opts: WriteOpts = {}): Promise<Obj> {
    return this.api.patch(resource, namespace, name, patch, opts);
  }

  delete(resource: string, namespace: string, name: string, opts: DeleteOpts = {}): Promise<Obj> {
    return this.api.delete(resource, namespace, name, opts);
  }

  watch(resource: string, namespace: string, opts: WatchOpts, onEvent: (type: string, obj: Obj) => void): ClientWatch {
    let handle: ResourceWatch | undefined;
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    let settle!: (e: Error | undefined) => void;
    const done = new Promise<Error | undefined>((r) => (settle = r));
    const finish = (e: Error | undefined) => {
      if (timer) clearInterval(timer);
      handle?.cancel();
      settle(e);
    };
    watchObjects(this.api, resource, namespace, opts, {
      // Delivered on a later turn, as a network client would: a handler may call back into
      // the API without re-entering the store's apply loop.
      event: (type, obj) => queueMicrotask(() => !cancelled && onEvent(type, obj)),
      end: (err: ApiError) => queueMicrotask(() => finish(cancelled ? undefined : err)),
    }).then(
      (h) => {
        handle = h;
        if (cancelled) return finish(undefined);
        if (opts.allowBookmarks) {
          let last = 0;
          const spec = this.api.kind(resource);
          timer = setInterval(() => {
            const rev = h.progress();
            if (rev > last && !cancelled) {
              last = rev;
              onEvent('BOOKMARK', { apiVersion: spec.apiVersion, kind: spec.kind, metadata: { resourceVersion: String(rev) } });
            }
          }, BOOKMARK_INTERVAL_MS);
        }
      },
      (err: Error) => finish(err),
    );
    return {
      cancel: () => {
        cancelled = true;
        finish(undefined);
      },
      done,
    };
  }
}
