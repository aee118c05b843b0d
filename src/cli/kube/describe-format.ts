// The layout of `describe`: "Key:  value" lines whose values line up within each block of
// one indentation, maps shown one entry per line, and small tables (conditions, events),
// as kubectl prints them.
import type { Obj } from '../api-client.ts';
import { renderTable } from '../table.ts';
import { age } from './age.ts';

type Line = { indent: number; key: string; value: string } | { indent: number; text: string };

export class Doc {
  private readonly lines: Line[] = [];

  kv(indent: number, key: string, value: unknown): this {
    this.lines.push({ indent, key: key ? `${key}:` : '', value: value === undefined || value === null || value === '' ? '<none>' : String(value) });
    return this;
  }

  /** A heading with nothing after it ("Containers:"). */
  head(indent: number, key: string): this {
    this.lines.push({ indent, text: `${key}:` });
    return this;
  }

  text(indent: number, text: string): this {
    for (const t of text.split('\n')) this.lines.push({ indent, text: t });
    return this;
  }

  /** "Labels:  a=b" then one entry per line under it; <none> when empty. */
  map(indent: number, key: string, m: Record<string, string> | undefined, sep = '='): this {
    const entries = Object.entries(m ?? {}).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) return this.kv(indent, key, '<none>');
    entries.forEach(([k, v], i) => this.kv(indent, i === 0 ? key : '', `${k}${sep}${v}`));
    return this;
  }

  /** "Capacity:" then "  cpu:  4" per entry, keys aligned (kubectl's layout for resources and env); <none> when empty. */
  section(indent: number, key: string, m: Record<string, string> | undefined): this {
    const entries = Object.entries(m ?? {});
    if (entries.length === 0) return this.kv(indent, key, '<none>');
    this.head(indent, key);
    for (const [k, v] of entries) this.kv(indent + 1, k, v);
    return this;
  }

  table(indent: number, headers: string[], rows: string[][], underline = false): this {
    const body = underline ? [headers.map((h) => '-'.repeat(h.length)), ...rows] : rows;
    return this.text(indent, renderTable(headers, body));
  }

  render(): string {
    const out: string[] = [];
    for (let i = 0; i < this.lines.length; ) {
      const l = this.lines[i];
      if (!('key' in l)) {
        out.push(`${'  '.repeat(l.indent)}${l.text}`.trimEnd());
        i++;
        continue;
      }
      // A run of key/value lines at one indentation shares one value column.
      let j = i;
      while (j < this.lines.length && 'key' in this.lines[j] && this.lines[j].indent === l.indent) j++;
      const run = this.lines.slice(i, j) as { indent: number; key: string; value: string }[];
      const width = Math.max(...run.map((r) => r.key.length)) + 2;
      for (const r of run) out.push(`${'  '.repeat(r.indent)}${r.key.padEnd(width)}${r.value}`.trimEnd());
      i = j;
    }
    return out.join('\n');
  }
}

/** The metadata block every describe starts with. */
export function metadata(doc: Doc, obj: Obj, namespaced: boolean): void {
  const m = obj.metadata ?? {};
  doc.kv(0, 'Name', m.name);
  if (namespaced) doc.kv(0, 'Namespace', m.namespace);
  doc.kv(0, 'CreationTimestamp', m.creationTimestamp);
  doc.map(0, 'Labels', m.labels);
  doc.map(0, 'Annotations', withoutLastApplied(m.annotations), ': ');
  if (m.deletionTimestamp) doc.kv(0, 'DeletionTimestamp', m.deletionTimestamp);
  const ctl = (m.ownerReferences ?? []).find((r: Obj) => r.controller);
  if (ctl) doc.kv(0, 'Controlled By', `${ctl.kind}/${ctl.name}`);
}

/** The last-applied annotation is a whole copy of the manifest: noise in a description. */
function withoutLastApplied(a: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(a ?? {}).filter(([k]) => !k.endsWith('last-applied-configuration')));
}

const portsOf = (c: Obj): string => (c.ports ?? []).map((p: Obj) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');

function stateLines(doc: Doc, indent: number, key: string, state: Obj | undefined): void {
  if (!state || Object.keys(state).length === 0) return void doc.kv(indent, key, 'Waiting');
  const [phase, detail] = Object.entries(state)[0] as [string, Obj];
  doc.kv(indent, key, phase[0].toUpperCase() + phase.slice(1));
  for (const f of ['reason', 'message', 'exitCode', 'signal', 'startedAt', 'finishedAt']) {
    if (detail?.[f] !== undefined && detail[f] !== '') doc.kv(indent + 1, f[0].toUpperCase() + f.slice(1).replace(/At$/, ''), detail[f]);
  }
}

/** "Containers:" with each container's image, ports, state, resources and environment. */
export function containers(doc: Doc, indent: number, title: string, list: Obj[] | undefined, statuses?: Obj[]): void {
  if (!list || list.length === 0) return;
  doc.head(indent, title);
  for (const c of list) {
    doc.head(indent + 1, c.name);
    const st = statuses?.find((s) => s.name === c.name);
    if (st?.containerID) doc.kv(indent + 2, 'Container ID', st.containerID);
    doc.kv(indent + 2, 'Image', c.image);
    doc.kv(indent + 2, 'Port', portsOf(c));
    if (c.command) doc.kv(indent + 2, 'Command', c.command.join(' '));
    if (c.args) doc.kv(indent + 2, 'Args', c.args.join(' '));
    if (statuses) {
      stateLines(doc, indent + 2, 'State', st?.state);
      if (st?.lastState && Object.keys(st.lastState).length > 0) stateLines(doc, indent + 2, 'Last State', st.lastState);
      doc.kv(indent + 2, 'Ready', st?.ready ? 'True' : 'False');
      doc.kv(indent + 2, 'Restart Count', st?.restartCount ?? 0);
    }
    if (c.resources?.limits) doc.section(indent + 2, 'Limits', c.resources.limits);
    if (c.resources?.requests) doc.section(indent + 2, 'Requests', c.resources.requests);
    for (const [k, p] of [['Liveness', c.livenessProbe], ['Readiness', c.readinessProbe], ['Startup', c.startupProbe]] as [string, Obj | undefined][]) {
      if (p) doc.kv(indent + 2, k, probe(p));
    }
    doc.section(indent + 2, 'Environment', Object.fromEntries((c.env ?? []).map((e: Obj) => [e.name, envValue(e)])));
    doc.kv(indent + 2, 'Mounts', (c.volumeMounts ?? []).map((m: Obj) => `${m.mountPath} from ${m.name}${m.readOnly ? ' (ro)' : ' (rw)'}`).join(', '));
  }
}

/** A variable's value, or where it comes from (kubectl's wording). */
function envValue(e: Obj): string {
  if (e.value !== undefined) return e.value;
  const f = e.valueFrom ?? {};
  if (f.configMapKeyRef) return `<set to the key '${f.configMapKeyRef.key}' of config map '${f.configMapKeyRef.name}'>`;
  if (f.secretKeyRef) return `<set to the key '${f.secretKeyRef.key}' in secret '${f.secretKeyRef.name}'>`;
  if (f.fieldRef) return `(${f.fieldRef.apiVersion ?? 'v1'}:${f.fieldRef.fieldPath})`;
  if (f.resourceFieldRef) return `${f.resourceFieldRef.resource} (${f.resourceFieldRef.containerName ?? ''})`;
  return '';
}

function probe(p: Obj): string {
  const how = p.httpGet ? `http-get ${p.httpGet.scheme === 'HTTPS' ? 'https' : 'http'}://:${p.httpGet.port?.intVal ?? p.httpGet.port}${p.httpGet.path ?? '/'}` : p.tcpSocket ? `tcp-socket :${p.tcpSocket.port?.intVal ?? p.tcpSocket.port}` : p.exec ? `exec [${(p.exec.command ?? []).join(' ')}]` : 'grpc';
  return `${how} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

/** "Pod Template:" as describe deployment / replicaset and rollout history --revision show it. */
export function podTemplate(doc: Doc, indent: number, t: Obj | undefined): void {
  doc.head(indent, 'Pod Template');
  doc.map(indent + 1, 'Labels', t?.metadata?.labels);
  if (t?.metadata?.annotations) doc.map(indent + 1, 'Annotations', t.metadata.annotations, ': ');
  containers(doc, indent + 1, 'Containers', t?.spec?.containers);
  if (!t?.spec?.containers?.length) doc.kv(indent + 1, 'Containers', '<none>');
}

export function conditions(doc: Doc, list: Obj[] | undefined, withReason = false): void {
  if (!list || list.length === 0) return;
  doc.head(0, 'Conditions');
  const headers = withReason ? ['Type', 'Status', 'Reason'] : ['Type', 'Status'];
  doc.table(1, headers, list.map((c) => (withReason ? [c.type, c.status, c.reason ?? ''] : [c.type, c.status])), withReason);
}

/** "Events:" for the object, most recent last. */
export function events(doc: Doc, list: Obj[]): void {
  if (list.length === 0) return void doc.kv(0, 'Events', '<none>');
  doc.head(0, 'Events');
  const when = (e: Obj) => e.lastTimestamp || e.eventTime || e.firstTimestamp || e.metadata?.creationTimestamp || '';
  const sorted = [...list].sort((a, b) => String(when(a)).localeCompare(String(when(b))));
  const rows = sorted.map((e) => {
    const count = (e.count ?? 1) > 1 ? ` (x${e.count} over ${age(e.firstTimestamp)})` : '';
    return [e.type ?? '', e.reason ?? '', `${age(when(e))}${count}`, e.source?.component ?? e.reportingComponent ?? '', String(e.message ?? '').trim()];
  });
  doc.table(1, ['Type', 'Reason', 'Age', 'From', 'Message'], rows, true);
}
