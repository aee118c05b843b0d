// Services and Endpoints handed to a ServiceProxy by hand, with an informer's semantics (handlers
// hear adds, updates and deletes; a late handler hears the current state as adds; synced at
// once): for tests and benchmarks that program a kernel without masters.
import type { Obj } from '../../control/client/resource-client.ts';
import type { InformerHandlers } from '../../control/informer/informer.ts';
import type { ObjectSource } from './service-proxy.ts';

export class StaticSource implements ObjectSource {
  private readonly objs = new Map<string, Obj>();
  private readonly handlers: InformerHandlers[] = [];

  set(obj: Obj): void {
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const old = this.objs.get(key);
    this.objs.set(key, obj);
    for (const h of this.handlers) (old ? h.update?.(old, obj) : h.add?.(obj));
  }

  delete(namespace: string, name: string): void {
    const old = this.objs.get(`${namespace}/${name}`);
    if (!old) return;
    this.objs.delete(`${namespace}/${name}`);
    for (const h of this.handlers) h.delete?.(old);
  }

  get(namespace: string, name: string): Obj | undefined {
    return this.objs.get(`${namespace}/${name}`);
  }

  list(): Obj[] {
    return [...this.objs.values()];
  }

  on(h: InformerHandlers): () => void {
    this.handlers.push(h);
    for (const o of this.objs.values()) h.add?.(o);
    return () => {
      const i = this.handlers.indexOf(h);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  waitForSync(): Promise<void> {
    return Promise.resolve();
  }
}
