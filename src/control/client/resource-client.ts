// What controllers, the scheduler and test nodes need of the resource API. The master's own
// control plane uses the in-process implementation (local-resource-client.ts); anything
// outside a master uses the gRPC ApiClient (src/cli/api-client.ts), which has the same shape.

export type Obj = Record<string, any>;

/**
 * A condition every write of a leader-elected writer carries: the key of its leadership epoch
 * still at the mod revision it had when this writer won (see leader-election). A deposed
 * writer's writes fail with reason Fenced.
 */
export interface Fence {
  key: string;
  modRevision: number;
}

export interface WriteOpts {
  dryRun?: boolean;
  subresource?: string;
  fence?: Fence;
}

export interface DeleteOpts {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  preconditionUid?: string;
  preconditionResourceVersion?: string;
  dryRun?: boolean;
  fence?: Fence;
}

export interface ListOpts {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
}

export interface ListReply {
  items: Obj[];
  resourceVersion: string;
  continueToken: string;
  remainingItemCount: number;
}

export interface WatchOpts {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowBookmarks?: boolean;
  name?: string;
}

export interface ClientWatch {
  cancel(): void;
  /** Resolves when the stream ends: undefined after cancel, else the error (with .reason). */
  readonly done: Promise<Error | undefined>;
}

export interface ResourceClient {
  create(resource: string, namespace: string, obj: Obj, opts?: WriteOpts): Promise<Obj>;
  get(resource: string, namespace: string, name: string, subresource?: string): Promise<Obj>;
  list(resource: string, namespace: string, opts?: ListOpts): Promise<ListReply>;
  update(resource: string, namespace: string, obj: Obj, opts?: WriteOpts): Promise<Obj>;
  patch(resource: string, namespace: string, name: string, patch: Obj, opts?: WriteOpts): Promise<Obj>;
  delete(resource: string, namespace: string, name: string, opts?: DeleteOpts): Promise<Obj>;
  watch(resource: string, namespace: string, opts: WatchOpts, onEvent: (type: string, obj: Obj) => void): ClientWatch;
}

/** The Kubernetes reason of an API refusal (NotFound, Conflict, ...), from either client. */
export function reasonOf(err: unknown): string | undefined {
  const r = (err as { reason?: unknown } | null)?.reason;
  return typeof r === 'string' ? r : undefined;
}

export const isNotFound = (err: unknown): boolean => reasonOf(err) === 'NotFound';
export const isConflict = (err: unknown): boolean => reasonOf(err) === 'Conflict';
export const isAlreadyExists = (err: unknown): boolean => reasonOf(err) === 'AlreadyExists';
