// Resource types as the server describes them (ApiClient.kinds()), and the ways a kubectl
// user names objects on the command line: "pods", "po", "pod", "deployments.apps",
// "deploy/web", "pods,services", "all".
import type { KindInfo__Output } from '../../gen/shoal/api/KindInfo.ts';
import type { ApiClient, Obj } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { CommandError } from './errors.ts';

export type KindInfo = KindInfo__Output;

/** What `get all` shows, as kubectl (the workload kinds and services). */
const ALL = ['pods', 'services', 'deployments', 'replicasets', 'replicationcontrollers', 'horizontalpodautoscalers'];

export class KindTable {
  private readonly byName = new Map<string, KindInfo>();

  constructor(readonly kinds: KindInfo[]) {
    for (const k of kinds) {
      for (const n of [k.resource, k.kind.toLowerCase(), ...k.shortNames]) this.byName.set(n, k);
    }
  }

  /** "deployments", "deployment", "deploy", "Deployment", "deployments.apps", "deployment.apps/v1". */
  find(name: string): KindInfo | undefined {
    const plain = name.toLowerCase().split('/')[0];
    const hit = this.byName.get(plain);
    if (hit) return hit;
    // A group suffix ("deployments.apps") must be the kind's own group.
    const dot = plain.indexOf('.');
    if (dot < 0) return undefined;
    const k = this.byName.get(plain.slice(0, dot));
    return k && groupOf(k) === plain.slice(dot + 1) ? k : undefined;
  }

  mustFind(name: string): KindInfo {
    const k = this.find(name);
    if (!k) throw new CommandError(`the server doesn't have a resource type "${name}"`);
    return k;
  }

  /** The kind a manifest names ("kind: Deployment"). */
  byKind(kind: string): KindInfo | undefined {
    return this.kinds.find((k) => k.kind === kind);
  }

  /** "pods,svc" or "all" -> kinds, in the order given. */
  parseTypes(arg: string): KindInfo[] {
    const out: KindInfo[] = [];
    for (const part of arg.split(',')) {
      if (part === '') throw new UsageError(`"${arg}": empty resource type`);
      for (const k of part === 'all' ? ALL.map((r) => this.mustFind(r)) : [this.mustFind(part)]) if (!out.includes(k)) out.push(k);
    }
    return out;
  }
}

export async function loadKinds(client: ApiClient): Promise<KindTable> {
  return new KindTable(await client.kinds());
}

/** "apps" for "apps/v1", "" for the core group's "v1". */
export function groupOf(k: { apiVersion: string }): string {
  const slash = k.apiVersion.indexOf('/');
  return slash < 0 ? '' : k.apiVersion.slice(0, slash);
}

/** kubectl's "deployment.apps" / "pod": the kind in lower case, qualified by its group. */
export function typeName(k: KindInfo): string {
  const g = groupOf(k);
  return g ? `${k.kind.toLowerCase()}.${g}` : k.kind.toLowerCase();
}

/** kubectl's "deployment.apps/web" (what -o name prints and what apply reports). */
export function objectName(k: KindInfo, obj: Obj | string): string {
  return `${typeName(k)}/${typeof obj === 'string' ? obj : obj.metadata?.name}`;
}

/** kubectl's "deployments.apps" (how the server names a resource in messages). */
export function resourceName(k: KindInfo): string {
  const g = groupOf(k);
  return g ? `${k.resource}.${g}` : k.resource;
}

export interface Target {
  kind: KindInfo;
  /** Empty: every object of the kind (subject to selectors). */
  names: string[];
  /** Set when the objects' namespace is known (from manifests); else the command's. */
  namespace?: string;
}

/**
 * The objects named by positional words, kubectl's two spellings: "TYPE[,TYPE] [NAME...]" or
 * "TYPE/NAME [TYPE/NAME...]" (not mixed).
 */
export function parseTargets(words: string[], kinds: KindTable): Target[] {
  if (words.length === 0) throw new UsageError('name a resource type (e.g. "pods", "deploy/web")');
  if (words.some((w) => w.includes('/'))) {
    const out: Target[] = [];
    for (const w of words) {
      const slash = w.indexOf('/');
      if (slash < 0) throw new UsageError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (got "${w}")`);
      const kind = kinds.mustFind(w.slice(0, slash));
      const name = w.slice(slash + 1);
      if (!name) throw new UsageError(`"${w}": no name after the "/"`);
      const t = out.find((x) => x.kind === kind);
      if (t) t.names.push(name);
      else out.push({ kind, names: [name] });
    }
    return out;
  }
  const [types, ...names] = words;
  const list = kinds.parseTypes(types);
  if (names.length > 0 && list.length > 1) throw new UsageError(`names cannot be given with several resource types ("${types}"); use TYPE/NAME`);
  return list.map((kind) => ({ kind, names: [...names] }));
}

/** The one "TYPE/NAME" or "TYPE NAME" a command acts on (scale, rollout, autoscale). */
export function parseOneTarget(words: string[], kinds: KindTable, what = 'TYPE/NAME'): { kind: KindInfo; name: string; rest: string[] } {
  if (words.length === 0) throw new UsageError(`name the object: ${what}`);
  const first = words[0];
  if (first.includes('/')) {
    const slash = first.indexOf('/');
    const name = first.slice(slash + 1);
    if (!name) throw new UsageError(`"${first}": no name after the "/"`);
    return { kind: kinds.mustFind(first.slice(0, slash)), name, rest: words.slice(1) };
  }
  if (words.length < 2) throw new UsageError(`name the object: ${what} (or TYPE NAME)`);
  return { kind: kinds.mustFind(first), name: words[1], rest: words.slice(2) };
}

/** The namespace to use for a kind: '' for cluster-scoped kinds, else the given one. */
export function nsFor(k: KindInfo, namespace: string): string {
  return k.namespaced ? namespace : '';
}
