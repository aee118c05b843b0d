// A pod's volumes as host directories under the agent's data dir, mounted into its containers:
// emptyDir (an empty directory that lives as long as the pod), configMap and secret (one file
// per key, or per listed item; secrets base64-decoded; rewritten when the object changes).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Obj } from '../control/client/resource-client.ts';
import { EnvError, type EnvSources } from './env.ts';
import type { Mount } from './runtime/runtime.ts';

export function podDir(dataDir: string, uid: string): string {
  return path.join(dataDir, 'pods', uid);
}

/** Prepares every volume of the pod; returns host paths by volume name. */
export async function prepareVolumes(dataDir: string, pod: Obj, src: EnvSources): Promise<Map<string, string>> {
  const ns = pod.metadata.namespace;
  const out = new Map<string, string>();
  for (const v of pod.spec.volumes ?? []) {
    const dir = path.join(podDir(dataDir, pod.metadata.uid), 'volumes', v.name);
    await mkdir(dir, { recursive: true });
    if (v.configMap || v.secret) {
      const isSecret = !!v.secret;
      const ref = isSecret ? v.secret.secretName : v.configMap.name;
      const obj = isSecret ? await src.secret(ns, ref) : await src.configMap(ns, ref);
      const optional = (isSecret ? v.secret.optional : v.configMap.optional) === true;
      if (!obj && !optional) throw new EnvError(`${isSecret ? 'secret' : 'configmap'} "${ref}" not found (volume ${v.name})`);
      const data: Record<string, string> = obj?.data ?? {};
      const items: Obj[] | undefined = (isSecret ? v.secret.items : v.configMap.items) ?? undefined;
      const files = items ? items.map((i) => [i.key, i.path] as const) : Object.keys(data).map((k) => [k, k] as const);
      for (const [key, rel] of files) {
        if (!(key in data)) throw new EnvError(`${isSecret ? 'secret' : 'configmap'} "${ref}" has no key "${key}" (volume ${v.name})`);
        if (rel.split('/').includes('..')) throw new EnvError(`volume ${v.name}: path "${rel}" leaves the volume`);
        const file = path.join(dir, rel);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, isSecret ? Buffer.from(data[key], 'base64') : data[key], { mode: isSecret ? 0o600 : 0o644 });
      }
    }
    out.set(v.name, dir);
  }
  return out;
}

export function containerMounts(container: Obj, volumes: Map<string, string>): Mount[] {
  return (container.volumeMounts ?? []).map((m: Obj) => {
    const host = volumes.get(m.name);
    if (!host) throw new EnvError(`volumeMount ${m.name}: no such volume`);
    return { hostPath: m.subPath ? path.join(host, m.subPath) : host, containerPath: m.mountPath, readOnly: m.readOnly === true };
  });
}

export async function removePodDir(dataDir: string, uid: string): Promise<void> {
  await rm(podDir(dataDir, uid), { recursive: true, force: true });
}
