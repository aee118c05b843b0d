// A client of the resource API (proto/api.proto) over any number of masters: JSON objects in
// and out, every call with a deadline, and fail-over to the next master when one is down or
// has no leader (only when the call cannot have taken effect: the master refused it before
// proposing anything, or it was never delivered).
import { credentials, Metadata, status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import type { ResourcesClient } from '../gen/shoal/api/Resources.ts';
import type { KindInfo__Output } from '../gen/shoal/api/KindInfo.ts';
import type { WatchEvent__Output } from '../gen/shoal/api/WatchEvent.ts';
import { apiProto } from '../proto/api-proto.ts';
import { endpointTarget } from './endpoint.ts';

import type { ListOpts, ListReply, ResourceClient, WatchOpts } from '../control/client/resource-client.ts';

export type Obj = Record<string, any>;
export type { ListReply };
export type ListOptions = ListOpts;
export type WatchOptions = WatchOpts;

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    /** The Kubernetes reason (NotFound, Conflict, Invalid, Gone, ...) or 'Unavailable'. */
    readonly reason: string,
    readonly code: number,
    message: string,
    readonly endpoint: string,
  ) {
    super(message);
  }
}

export interface ApiWatch {
  /** Ends the stream (no error is reported for a cancel). */
  cancel(): void;
  /** Resolves when the stream ends: undefined after cancel, else the error that ended it. */
  readonly done: Promise<ApiCallError | undefined>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Codes after which a call certainly did nothing, so another master may be asked. */
const FAIL_OVER = new Set<number>([status.UNAVAILABLE]);
/** Reads change nothing, so a master that does not answer in time (frozen, overloaded) is skipped too. */
const READS = new Set(['Get', 'List', 'Kinds']);
/** With other masters to try, a read waits at most this long for one. */
const READ_ATTEMPT_MS = 3000;

const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o), 'utf8');
const parse = (b: Uint8Array): any => JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));

export class ApiClient implements ResourceClient {
  private readonly clients: { endpoint: string; client: ResourcesClient }[];
  /** The master that answered last: asked first next time. */
  private current = 0;

  constructor(
    endpoints: string[],
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    if (endpoints.length === 0) throw new Error('ApiClient: no endpoints');
    const Ctor = apiProto().Resources;
    this.clients = endpoints.map((e) => {
      const endpoint = endpointTarget(e);
      return {
        endpoint,
        client: new Ctor(endpoint, credentials.createInsecure(), {
          'grpc.initial_reconnect_backoff_ms': 100,
          'grpc.max_reconnect_backoff_ms': 1000,
          'grpc.max_receive_message_length': 256 * 1024 * 1024,
        }),
      };
    });
  }

  get endpoint(): string {
    return this.clients[this.current].endpoint;
  }

  async create(resource: string, namespace: string, obj: Obj, opts: { dryRun?: boolean; subresource?: string } = {}): Promise<Obj> {
    const r = await this.call<{ object: Uint8Array }>('Create', { resource, namespace, object: json(obj), dryRun: opts.dryRun ?? false, subresource: opts.subresource ?? '' });
    return parse(r.object);
  }

  async get(resource: string, namespace: string, name: string, subresource = ''): Promise<Obj> {
    return parse((await this.call<{ object: Uint8Array }>('Get', { resource, namespace, name, subresource })).object);
  }

  async list(resource: string, namespace: string, opts: ListOptions = {}): Promise<ListReply> {
    const r = await this.call<{ items: Uint8Array; resourceVersion: string; continueToken: string; remainingItemCount: number }>('List', { resource, namespace, ...opts });
    return { items: parse(r.items), resourceVersion: r.resourceVersion, continueToken: r.continueToken, remainingItemCount: r.remainingItemCount };
  }

  /** Every page of a list (all at the first page's revision). */
  async listAll(resource: string, namespace: string, opts: ListOptions = {}): Promise<ListReply> {
    const first = await this.list(resource, namespace, opts);
    const items = [...first.items];
    let token = first.continueToken;
    while (token) {
      const page = await this.list(resource, namespace, { ...opts, continueToken: token });
      items.push(...page.items);
      token = page.continueToken;
    }
    return { ...first, items, continueToken: '' };
  }

  async update(resource: string, namespace: string, obj: Obj, opts: { dryRun?: boolean; subresource?: string } = {}): Promise<Obj> {
    const r = await this.call<{ object: Uint8Array }>('Update', { resource, namespace, object: json(obj), dryRun: opts.dryRun ?? false, subresource: opts.subresource ?? '' });
    return parse(r.object);
  }

  async patch(resource: string, namespace: string, name: string, patch: Obj, opts: { dryRun?: boolean; subresource?: string } = {}): Promise<Obj> {
    const r = await this.call<{ object: Uint8Array }>('Patch', { resource, namespace, name, patch: json(patch), dryRun: opts.dryRun ?? false, subresource: opts.subresource ?? '' });
    return parse(r.object);
  }

  async apply(resource: string, namespace: string, obj: Obj, opts: { dryRun?: boolean } = {}): Promise<{ obj: Obj; outcome: string }> {
    const r = await this.call<{ object: Uint8Array; outcome: string }>('Apply', { resource, namespace, object: json(obj), dryRun: opts.dryRun ?? false });
    return { obj: parse(r.object), outcome: r.outcome };
  }

  async delete(
    resource: string,
    namespace: string,
    name: string,
    opts: { gracePeriodSeconds?: number; propagationPolicy?: string; preconditionUid?: string; preconditionResourceVersion?: string; dryRun?: boolean } = {},
  ): Promise<Obj> {
    const r = await this.call<{ object: Uint8Array }>('Delete', { resource, namespace, name, gracePeriodSeconds: opts.gracePeriodSeconds ?? -1, ...opts });
    return parse(r.object);
  }

  async kinds(): Promise<KindInfo__Output[]> {
    return (await this.call<{ kinds: KindInfo__Output[] }>('Kinds', {})).kinds;
  }

  /** Streams events to `onEvent` until cancelled or the server ends the stream. */
  watch(resource: string, namespace: string, opts: WatchOptions, onEvent: (type: string, obj: Obj) => void): ApiWatch {
    const { endpoint, client } = this.clients[this.current];
    const stream: ClientReadableStream<WatchEvent__Output> = client.Watch({ resource, namespace, ...opts });
    let cancelled = false;
    const done = new Promise<ApiCallError | undefined>((resolve) => {
      stream.on('data', (e: WatchEvent__Output) => {
        if (!cancelled) onEvent(e.type, parse(e.object));
      });
      stream.on('error', (err: ServiceError) => resolve(cancelled ? undefined : toCallError(err, endpoint)));
      stream.on('end', () => resolve(cancelled ? undefined : new ApiCallError('Unavailable', status.UNAVAILABLE, 'the watch stream ended', endpoint)));
    });
    return {
      cancel: () => {
        cancelled = true;
        stream.cancel();
      },
      done,
    };
  }

  /** A container's log as a stream of chunks; resolves when the stream ends. */
  logs(
    req: { namespace: string; name: string; container?: string; follow?: boolean; tailLines?: number; previous?: boolean; timestamps?: boolean },
    onData: (chunk: Buffer) => void,
  ): { cancel(): void; done: Promise<void> } {
    const { endpoint, client } = this.clients[this.current];
    const stream = client.Logs({ tailLines: -1, ...req });
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', (c: { stdout: Buffer; stderr: Buffer }) => onData(c.stdout.length ? c.stdout : c.stderr));
      stream.on('end', () => resolve());
      stream.on('error', (err: ServiceError) => (err.code === status.CANCELLED ? resolve() : reject(toCallError(err, endpoint))));
    });
    return { cancel: () => stream.cancel(), done };
  }

  /** Runs a command in a container; output is passed on as it comes; resolves with the exit code. */
  exec(
    start: { namespace: string; name: string; container?: string; command: string[]; stdin?: boolean; tty?: boolean },
    out: { stdout(b: Buffer): void; stderr(b: Buffer): void },
  ): { write(b: Buffer): void; end(): void; cancel(): void; exitCode: Promise<number> } {
    const { endpoint, client } = this.clients[this.current];
    const stream = client.Exec();
    stream.write({ start: { container: '', stdin: false, tty: false, ...start } });
    const exitCode = new Promise<number>((resolve, reject) => {
      let code: number | undefined;
      stream.on('data', (c: { stdout: Buffer; stderr: Buffer; exited: boolean; exitCode: number }) => {
        if (c.stdout.length) out.stdout(c.stdout);
        if (c.stderr.length) out.stderr(c.stderr);
        if (c.exited) code = c.exitCode;
      });
      stream.on('end', () => (code === undefined ? reject(new ApiCallError('Unavailable', status.UNAVAILABLE, 'exec stream ended without an exit code', endpoint)) : resolve(code)));
      stream.on('error', (err: ServiceError) => reject(toCallError(err, endpoint)));
    });
    return {
      write: (b) => stream.write({ stdin: b }),
      end: () => {
        stream.write({ stdinEof: true });
        stream.end();
      },
      cancel: () => stream.cancel(),
      exitCode,
    };
  }

  close(): void {
    for (const c of this.clients) c.client.close();
  }

  private async call<T>(method: string, req: object): Promise<T> {
    let last: ApiCallError | undefined;
    for (let i = 0; i < this.clients.length; i++) {
      const idx = (this.current + i) % this.clients.length;
      const { endpoint, client } = this.clients[idx];
      try {
        const res = await new Promise<T>((resolve, reject) => {
          const fn = (client as unknown as Record<string, Function>)[method].bind(client);
          const isRead = READS.has(method);
          const attemptMs = isRead && this.clients.length > 1 ? Math.min(this.timeoutMs, READ_ATTEMPT_MS) : this.timeoutMs;
          fn(req, new Metadata(), { deadline: new Date(Date.now() + attemptMs) }, (err: ServiceError | null, r?: T) => (err ? reject(err) : resolve(r as T)));
        });
        this.current = idx;
        return res;
      } catch (err) {
        last = toCallError(err as ServiceError, endpoint);
        const retryable = FAIL_OVER.has(last.code) || (READS.has(method) && last.code === status.DEADLINE_EXCEEDED);
        if (!retryable) throw last;
      }
    }
    throw last!;
  }
}

function toCallError(err: ServiceError, endpoint: string): ApiCallError {
  const reason = (err.metadata?.get('shoal-reason')[0] as string | undefined) ?? (err.code === status.UNAVAILABLE ? 'Unavailable' : err.code === status.DEADLINE_EXCEEDED ? 'Timeout' : 'Unknown');
  const message = err.code === status.UNAVAILABLE && !err.metadata?.get('shoal-reason').length ? `${endpoint}: ${err.details || err.message}` : err.details || err.message;
  return new ApiCallError(reason, err.code, message, endpoint);
}
