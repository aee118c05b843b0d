// Where a manifest's object goes: its kind (from `kind:`) and namespace (its own, else the
// command's), refusing -n that contradicts the manifest, as kubectl does.
import type { KubeContext } from './context.ts';
import { CommandError } from './errors.ts';
import type { Manifest } from './manifests.ts';
import type { KindInfo, KindTable } from './resources.ts';

export interface Placement {
  kind: KindInfo;
  namespace: string;
  name: string;
}

export function place(m: Manifest, kinds: KindTable, ctx: KubeContext): Placement {
  const kind = kinds.byKind(m.obj.kind);
  if (!kind) throw new CommandError(`unable to recognize "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"`);
  const own: string | undefined = m.obj.metadata?.namespace;
  let namespace = '';
  if (kind.namespaced) {
    if (own && ctx.namespaceExplicit && own !== ctx.namespace) {
      throw new CommandError(
        `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    namespace = own || ctx.namespace;
  }
  return { kind, namespace, name: m.obj.metadata?.name ?? '' };
}
