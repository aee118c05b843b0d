// `shoal scale TYPE/NAME --replicas=N`: through the scale subresource, as kubectl, so it
// works alike for deployments, replica sets and replication controllers.
import { UsageError } from '../usage-error.ts';
import { runKube } from './command.ts';
import { CommandError } from './errors.ts';
import { intFlag, requiredInt } from './flag-values.ts';
import { loadKinds, nsFor, objectName, parseTargets } from './resources.ts';

const USAGE = `usage: shoal scale TYPE/NAME... --replicas=N [--current-replicas=M]
       shoal scale TYPE NAME... --replicas=N

Sets the replica count of deployments, replica sets or replication controllers.

  --replicas          the new count
  --current-replicas  only if the count is this now (a precondition; -1 = any)`;

export function runScale(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { replicas: {}, 'current-replicas': {} },
    async run(ctx, { values, positionals }) {
      const replicas = requiredInt(values.replicas, '--replicas');
      const current = intFlag(values['current-replicas'], '--current-replicas', -1, -1);
      const kinds = await loadKinds(ctx.client);
      const targets = parseTargets(positionals, kinds);
      if (targets.some((t) => t.names.length === 0)) throw new UsageError('name the objects to scale (TYPE/NAME or TYPE NAME)');
      for (const t of targets) {
        if (!t.kind.subresources.includes('scale')) throw new CommandError(`${t.kind.resource} cannot be scaled (no scale subresource)`);
        const ns = nsFor(t.kind, ctx.namespace);
        for (const name of t.names) {
          const patch: Record<string, any> = { spec: { replicas } };
          if (current >= 0) {
            // The precondition rides in the patch as a resourceVersion, so a change between
            // this read and the write is refused rather than overwritten.
            const scale = await ctx.client.get(t.kind.resource, ns, name, 'scale');
            if ((scale.spec?.replicas ?? 0) !== current) throw new CommandError(`Expected replicas to be ${current}, was ${scale.spec?.replicas ?? 0}`);
            patch.metadata = { resourceVersion: scale.metadata.resourceVersion };
          }
          await ctx.client.patch(t.kind.resource, ns, name, patch, { subresource: 'scale' });
          console.log(`${objectName(t.kind, name)} scaled`);
        }
      }
      return 0;
    },
  });
}
