// Watches a namespace's pods and checks an invariant at every watch event (each event is one
// change of the registry, in revision order): what the cluster really went through, not what
// a poll happened to see.
import type { ClientWatch, Obj, ResourceClient } from '../../../src/control/client/resource-client.ts';

export type PodInvariant = (pods: Obj[]) => string | undefined;

export class PodWatchChecker {
  readonly pods = new Map<string, Obj>();
  readonly violations: string[] = [];
  events = 0;
  private watch?: ClientWatch;

  constructor(
    private readonly client: ResourceClient,
    private readonly ns: string,
    private readonly invariant: PodInvariant,
  ) {}

  async start(): Promise<void> {
    const list = await this.client.list('pods', this.ns);
    for (const p of list.items) this.pods.set(p.metadata.name, p);
    this.check('initial');
    this.watch = this.client.watch('pods', this.ns, { resourceVersion: list.resourceVersion }, (type, pod) => {
      if (type === 'DELETED') this.pods.delete(pod.metadata.name);
      else if (type === 'ADDED' || type === 'MODIFIED') this.pods.set(pod.metadata.name, pod);
      else return;
      this.events++;
      this.check(`${type} ${pod.metadata.name}@${pod.metadata.resourceVersion}`);
    });
  }

  stop(): void {
    this.watch?.cancel();
  }

  private check(what: string): void {
    const v = this.invariant([...this.pods.values()]);
    if (v && this.violations.length < 20) this.violations.push(`${what}: ${v}`);
  }
}

const terminating = (p: Obj): boolean => !!p.metadata.deletionTimestamp;
const ready = (p: Obj): boolean => (p.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');

/** Rolling update bounds: at most max pods that are not terminating, at least min of them ready. */
export function rollingBounds(max: number, min: number): PodInvariant {
  return (pods) => {
    const live = pods.filter((p) => !terminating(p));
    const readyCount = live.filter(ready).length;
    if (live.length > max) return `${live.length} pods > ${max}`;
    if (readyCount < min) return `${readyCount} ready < ${min}`;
    return undefined;
  };
}
