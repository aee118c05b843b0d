// A ResourceClient whose every write carries the current leadership fence; with no fence (not
// leading) a write fails at once instead of being sent.
import type { ClientWatch, DeleteOpts, Fence, ListOpts, ListReply, Obj, ResourceClient, WatchOpts, WriteOpts } from './resource-client.ts';

export class NotLeaderError extends Error {
  override readonly name = 'NotLeaderError';
  readonly reason = 'Fenced';
}

export class FencedClient implements ResourceClient {
  constructor(
    private readonly inner: ResourceClient,
    private readonly fence: () => Fence | undefined,
  ) {}

  private guard(): Fence {
    const f = this.fence();
    if (!f) throw new NotLeaderError('not leading: write refused');
    return f;
  }

  create(resource: string, namespace: string, obj: Obj, opts: WriteOpts = {}): Promise<Obj> {
    return this.inner.create(resource, namespace, obj, { ...opts, fence: this.guard() });
  }
  get(resource: string, namespace: string, name: string, subresource?: string): Promise<Obj> {
    return this.inner.get(resource, namespace, name, subresource);
  }
  list(resource: string, namespace: string, opts?: ListOpts): Promise<ListReply> {
    return this.inner.list(resource, namespace, opts);
  }
  update(resource: string, namespace: string, obj: Obj, opts: WriteOpts = {}): Promise<Obj> {
    return this.inner.update(resource, namespace, obj, { ...opts, fence: this.guard() });
  }
  patch(resource: string, namespace: string, name: string, patch: Obj, opts: WriteOpts = {}): Promise<Obj> {
    return this.inner.patch(resource, namespace, name, patch, { ...opts, fence: this.guard() });
  }
  delete(resource: string, namespace: string, name: string, opts: DeleteOpts = {}): Promise<Obj> {
    return this.inner.delete(resource, namespace, name, { ...opts, fence: this.guard() });
  }
  watch(resource: string, namespace: string, opts: WatchOpts, onEvent: (type: string, obj: Obj) => void): ClientWatch {
    return this.inner.watch(resource, namespace, opts, onEvent);
  }
}
