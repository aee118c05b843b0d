// Objects as stored: JSON without metadata.resourceVersion (the key's mod revision is the
// version, so storing it would be a second, stale truth).
import type { Kv } from '../../store/client/kv-client.ts';

export type Obj = Record<string, any>;

export function decodeObject(kv: Kv, revision = kv.modRevision): Obj {
  const obj = JSON.parse(Buffer.from(kv.value.buffer, kv.value.byteOffset, kv.value.byteLength).toString('utf8')) as Obj;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

export function encodeObject(obj: Obj): Buffer {
  const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
  return Buffer.from(JSON.stringify({ ...obj, metadata: meta }), 'utf8');
}

/** RFC 3339 with whole seconds, as Kubernetes writes timestamps. */
export function timestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Kubernetes' MicroTime (leases' acquire and renew times): RFC 3339 with microseconds. */
export function microTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}
