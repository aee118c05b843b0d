// Events for `describe`: one v1 Event per (object, reason, message), its count bumped when it
// happens again, as Kubernetes' recorder aggregates. Recording never blocks or fails the caller.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Obj, ResourceClient } from '../client/resource-client.ts';
import { isAlreadyExists } from '../client/resource-client.ts';
import { timestamp } from '../api/codec.ts';

/** Events remembered for aggregation (oldest forgotten first). */
const MAX_REMEMBERED = 2000;
/** Events in flight at once; more are dropped (and logged) rather than queued without bound. */
const MAX_IN_FLIGHT = 200;

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number }>();
  private inFlight = 0;
  private readonly log: Logger;

  constructor(
    private readonly client: ResourceClient,
    private readonly component: string,
    logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.log = logger.child({ component: 'events', source: component });
  }

  /** Records that `reason` happened to `obj` (fire and forget). */
  record(obj: Obj, type: EventType, reason: string, message: string): void {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.log.warn({ event: 'event-dropped', reason, object: obj.metadata?.name }, 'too many events in flight; dropped');
      return;
    }
    this.inFlight++;
    void this.write(obj, type, reason, message)
      .catch((err) => this.log.debug({ event: 'event-not-recorded', reason, err: (err as Error).message }, 'event not recorded'))
      .finally(() => this.inFlight--);
  }

  private async write(obj: Obj, type: EventType, reason: string, message: string): Promise<void> {
    const m = obj.metadata ?? {};
    const namespace = m.namespace || 'default';
    const id = `${m.uid ?? m.name}|${reason}|${message}`;
    const at = timestamp(this.now());
    const prior = this.seen.get(id);
    if (prior) {
      prior.count++;
      this.touch(id, prior);
      try {
        await this.client.patch('events', prior.namespace, prior.name, { count: prior.count, lastTimestamp: at });
        return;
      } catch {
        // gone (deleted or compacted away): record afresh below
      }
    }
    const name = `${m.name}.${createHash('sha1').update(id).digest('hex').slice(0, 12)}`;
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
      source: { component: this.component },
      reportingComponent: this.component,
    };
    try {
      await this.client.create('events', namespace, event);
      this.touch(id, { name, namespace, count: 1 });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Another recorder (a previous leader) made it: count on from the stored one.
      const stored = await this.client.get('events', namespace, name);
      const count = (stored.count ?? 1) + 1;
      await this.client.patch('events', namespace, name, { count, lastTimestamp: at });
      this.touch(id, { name, namespace, count });
    }
  }

  private touch(id: string, v: { name: string; namespace: string; count: number }): void {
    this.seen.delete(id);
    this.seen.set(id, v);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
  }
}
