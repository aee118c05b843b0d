// A container's environment as Kubernetes builds it: the service variables of its namespace
// (<SVC>_SERVICE_HOST, <SVC>_SERVICE_PORT, <SVC>_PORT_<n>_<PROTO>...), then envFrom, then env
// (plain values with $(VAR) references to earlier ones, config map and secret keys, pod fields).
import type { Obj } from '../control/client/resource-client.ts';

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

export interface EnvSources {
  configMap(namespace: string, name: string): Promise<Obj | undefined>;
  secret(namespace: string, name: string): Promise<Obj | undefined>;
  /** Services of the namespace (for service links). */
  services(namespace: string): Obj[];
}

const svcVar = (name: string) => name.toUpperCase().replace(/-/g, '_');

export function serviceEnv(services: Obj[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of services) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const base = svcVar(s.metadata.name);
    const ports: Obj[] = s.spec?.ports ?? [];
    if (ports.length === 0) continue;
    env[`${base}_SERVICE_HOST`] = ip;
    env[`${base}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${base}_SERVICE_PORT_${svcVar(p.name)}`] = String(p.port);
    const first = ports[0];
    env[`${base}_PORT`] = `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`;
    for (const p of ports) {
      const proto = (p.protocol ?? 'TCP').toUpperCase();
      const pre = `${base}_PORT_${p.port}_${proto}`;
      env[pre] = `${proto.toLowerCase()}://${ip}:${p.port}`;
      env[`${pre}_PROTO`] = proto.toLowerCase();
      env[`${pre}_PORT`] = String(p.port);
      env[`${pre}_ADDR`] = ip;
    }
  }
  return env;
}

function expand(value: string, env: Record<string, string>): string {
  // $(VAR) is replaced when VAR is defined; $$ escapes; unknown references stay as written.
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : name !== undefined && name in env ? env[name] : m));
}

function podField(pod: Obj, path: string, podIP: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
      return podIP;
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return pod.metadata[m[1]]?.[m[2]] ?? '';
      throw new EnvError(`fieldRef ${path} is not supported`);
    }
  }
}

export async function containerEnv(pod: Obj, container: Obj, podIP: string, src: EnvSources): Promise<Record<string, string>> {
  const ns = pod.metadata.namespace;
  const env: Record<string, string> = pod.spec.enableServiceLinks === false ? {} : serviceEnv(src.services(ns));
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = await src.configMap(ns, from.configMapRef.name);
      if (!cm && !from.configMapRef.optional) throw new EnvError(`configmap "${from.configMapRef.name}" not found`);
      for (const [k, v] of Object.entries(cm?.data ?? {})) env[prefix + k] = String(v);
    }
    if (from.secretRef) {
      const s = await src.secret(ns, from.secretRef.name);
      if (!s && !from.secretRef.optional) throw new EnvError(`secret "${from.secretRef.name}" not found`);
      for (const [k, v] of Object.entries(s?.data ?? {})) env[prefix + k] = Buffer.from(String(v), 'base64').toString('utf8');
    }
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined && e.value !== null) {
      env[e.name] = expand(String(e.value), env);
      continue;
    }
    const vf = e.valueFrom;
    if (!vf) {
      env[e.name] = '';
    } else if (vf.configMapKeyRef) {
      const r = vf.configMapKeyRef;
      const cm = await src.configMap(ns, r.name);
      const v = cm?.data?.[r.key];
      if (v === undefined) {
        if (r.optional) continue;
        throw new EnvError(cm ? `configmap "${r.name}" has no key "${r.key}"` : `configmap "${r.name}" not found`);
      }
      env[e.name] = String(v);
    } else if (vf.secretKeyRef) {
      const r = vf.secretKeyRef;
      const s = await src.secret(ns, r.name);
      const v = s?.data?.[r.key];
      if (v === undefined) {
        if (r.optional) continue;
        throw new EnvError(s ? `secret "${r.name}" has no key "${r.key}"` : `secret "${r.name}" not found`);
      }
      env[e.name] = Buffer.from(String(v), 'base64').toString('utf8');
    } else if (vf.fieldRef) {
      env[e.name] = podField(pod, vf.fieldRef.fieldPath, podIP);
    }
  }
  return env;
}
