// The gRPC shell of the resource API (proto/api.proto): JSON bodies in and out, ApiErrors as
// statuses with the Kubernetes reason in a trailer, watches as server streams with bookmarks
// and a bound on what a slow reader may leave queued.
import { Metadata, status, type sendUnaryData, type ServerErrorResponse, type ServerUnaryCall, type ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ResourcesHandlers } from '../../gen/shoal/api/Resources.ts';
import type { WatchEvent } from '../../gen/shoal/api/WatchEvent.ts';
import type { WatchRequest__Output } from '../../gen/shoal/api/WatchRequest.ts';
import { ApiError, REASON_TRAILER } from './api-errors.ts';
import type { Obj } from './codec.ts';
import { KINDS } from './kinds.ts';
import { listObjects, watchObjects, type ResourceWatch } from './list-watch.ts';
import type { ResourceApi } from './resource-api.ts';

export interface WatchLimits {
  /** Events a watch stream may have queued unsent before it is ended (the client relists). */
  maxQueuedEvents: number;
  /** How often a watch that asked for bookmarks hears the current version. */
  bookmarkIntervalMs: number;
}

export const DEFAULT_WATCH_LIMITS: WatchLimits = { maxQueuedEvents: 10_000, bookmarkIntervalMs: 1000 };

function parseJson(b: Uint8Array, what: string): unknown {
  if (b.byteLength === 0) throw new ApiError('BadRequest', `${what}: empty; send a JSON object`);
  try {
    return JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));
  } catch (err) {
    throw new ApiError('BadRequest', `${what}: not valid JSON (${(err as Error).message})`);
  }
}

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o), 'utf8');

function toServiceError(err: unknown, log: Logger, rpc: string): ServerErrorResponse {
  if (err instanceof ApiError) {
    log.debug({ event: 'api-call-refused', rpc, reason: err.reason, detail: err.message }, 'api call refused');
    return err;
  }
  log.warn({ event: 'api-call-failed', rpc, err }, 'api call failed unexpectedly');
  const message = `internal error: ${err instanceof Error ? err.message : String(err)}`;
  const metadata = new Metadata();
  metadata.set(REASON_TRAILER, 'InternalError');
  return Object.assign(new Error(message), { code: status.INTERNAL, details: message, metadata });
}

function unary<Req, Res>(log: Logger, rpc: string, fn: (req: Req) => Promise<Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    let p: Promise<Res>;
    try {
      p = fn(call.request);
    } catch (err) {
      callback(toServiceError(err, log, rpc));
      return;
    }
    p.then(
      (res) => callback(null, res),
      (err: unknown) => callback(toServiceError(err, log, rpc)),
    );
  };
}

/** Where `shoal logs` and `shoal exec` go (the proxy to node agents). */
export interface PodIo {
  logs: ResourcesHandlers['Logs'];
  exec: ResourcesHandlers['Exec'];
}

export function createResourcesService(api: ResourceApi, logger: Logger, podIo: PodIo, limits: WatchLimits = DEFAULT_WATCH_LIMITS): ResourcesHandlers {
  const log = logger.child({ component: 'api' });
  return {
    Logs: (call) => podIo.logs(call),
    Exec: (call) => podIo.exec(call),
    Create: unary(log, 'Create', async (r) => ({
      object: json(await api.create(r.resource, r.namespace, parseJson(r.object, 'object'), { dryRun: r.dryRun, subresource: r.subresource })),
    })),
    Get: unary(log, 'Get', async (r) => ({ object: json(await api.get(r.resource, r.namespace, r.name, r.subresource)) })),
    List: unary(log, 'List', async (r) => {
      const res = await listObjects(api, r.resource, r.namespace, {
        labelSelector: r.labelSelector,
        fieldSelector: r.fieldSelector,
        limit: r.limit,
        continueToken: r.continueToken,
        resourceVersion: r.resourceVersion,
      });
      return { items: json(res.items), resourceVersion: res.resourceVersion, continueToken: res.continueToken, remainingItemCount: res.remainingItemCount };
    }),
    Update: unary(log, 'Update', async (r) => {
      const obj = parseJson(r.object, 'object') as Obj;
      if (r.name && obj && typeof obj === 'object') {
        obj.metadata ??= {};
        if (obj.metadata.name && obj.metadata.name !== r.name) throw new ApiError('BadRequest', `metadata.name "${obj.metadata.name}" does not match the request's name "${r.name}"`);
        obj.metadata.name = r.name;
      }
      return { object: json(await api.update(r.resource, r.namespace, obj, { dryRun: r.dryRun, subresource: r.subresource })) };
    }),
    Patch: unary(log, 'Patch', async (r) => ({
      object: json(await api.patch(r.resource, r.namespace, r.name, parseJson(r.patch, 'patch'), { dryRun: r.dryRun, subresource: r.subresource })),
    })),
    Apply: unary(log, 'Apply', async (r) => {
      const res = await api.apply(r.resource, r.namespace, parseJson(r.object, 'object'), { dryRun: r.dryRun });
      return { object: json(res.obj), outcome: res.outcome };
    }),
    Delete: unary(log, 'Delete', async (r) => ({
      object: json(
        await api.delete(r.resource, r.namespace, r.name, {
          gracePeriodSeconds: r.gracePeriodSeconds,
          propagationPolicy: r.propagationPolicy,
          preconditionUid: r.preconditionUid,
          preconditionResourceVersion: r.preconditionResourceVersion,
          dryRun: r.dryRun,
        }),
      ),
    })),
    Kinds: unary(log, 'Kinds', async () => ({
      kinds: KINDS.map((k) => ({
        kind: k.kind,
        resource: k.resource,
        apiVersion: k.apiVersion,
        namespaced: k.namespaced,
        shortNames: k.shortNames,
        subresources: k.subresources,
        acceptedApiVersions: k.acceptedApiVersions,
      })),
    })),
    Watch: (call: ServerWritableStream<WatchRequest__Output, WatchEvent>) => void serveWatch(api, call, log, limits),
  };
}

async function serveWatch(api: ResourceApi, call: ServerWritableStream<WatchRequest__Output, WatchEvent>, log: Logger, limits: WatchLimits): Promise<void> {
  const r = call.request;
  let watch: ResourceWatch | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let lastBookmark = 0;
  const finish = (err?: ServerErrorResponse) => {
    if (ended) return;
    ended = true;
    if (timer) clearInterval(timer);
    watch?.cancel();
    if (err) call.emit('error', err);
    else call.end();
  };
  call.on('cancelled', () => finish());
  call.on('close', () => finish());
  const send = (type: string, obj: Obj) => {
    if (ended) return;
    if (call.writableLength > limits.maxQueuedEvents) {
      log.warn({ event: 'watch-too-slow', resource: r.resource, queued: call.writableLength }, 'watch client too slow; ending its stream');
      finish(new ApiError('TooManyRequests', `watch ended: the client fell ${call.writableLength} events behind; list again and resume the watch`));
      return;
    }
    call.write({ type, object: json(obj) });
  };
  try {
    watch = await watchObjects(
      api,
      r.resource,
      r.namespace,
      { labelSelector: r.labelSelector, fieldSelector: r.fieldSelector, resourceVersion: r.resourceVersion, name: r.name },
      {
        event: (type, obj) => send(type, obj),
        end: (err) => finish(toServiceError(err, log, 'Watch')),
      },
    );
  } catch (err) {
    finish(toServiceError(err, log, 'Watch'));
    return;
  }
  if (ended) {
    watch.cancel();
    return;
  }
  if (r.allowBookmarks) {
    const spec = api.kind(r.resource);
    timer = setInterval(() => {
      const rev = watch!.progress();
      if (rev > lastBookmark) {
        lastBookmark = rev;
        send('BOOKMARK', { apiVersion: spec.apiVersion, kind: spec.kind, metadata: { resourceVersion: String(rev) } });
      }
    }, limits.bookmarkIntervalMs);
  }
}
