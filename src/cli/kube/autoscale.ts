// `shoal autoscale deploy/NAME --min=N --max=M --cpu-percent=P`: an autoscaling/v2
// HorizontalPodAutoscaler aimed at the workload (it must exist and be scalable).
import { UsageError } from '../usage-error.ts';
import { runKube } from './command.ts';
import { dryRunOf, dryRunSuffix } from './dry-run.ts';
import { CommandError } from './errors.ts';
import { intFlag, requiredInt } from './flag-values.ts';
import { loadKinds, nsFor, objectName, parseOneTarget } from './resources.ts';

const USAGE = `usage: shoal autoscale (deploy|rs|rc)/NAME --max=N [--min=N] [--cpu-percent=P] [--name=HPA]

Creates a HorizontalPodAutoscaler that keeps the workload between --min and --max replicas,
aiming at --cpu-percent of the pods' CPU requests (default 80).`;

export function runAutoscale(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { min: {}, max: {}, 'cpu-percent': {}, name: {}, 'dry-run': {} },
    async run(ctx, { values, positionals }) {
      const max = requiredInt(values.max, '--max', 1);
      const min = intFlag(values.min, '--min', 1, 1);
      if (min > max) throw new UsageError(`--min (${min}) must not exceed --max (${max})`, '--min');
      const cpu = intFlag(values['cpu-percent'], '--cpu-percent', 80, 1);
      const dryRun = dryRunOf(values['dry-run']);
      const kinds = await loadKinds(ctx.client);
      const { kind, name, rest } = parseOneTarget(positionals, kinds);
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      if (!kind.subresources.includes('scale')) throw new CommandError(`cannot autoscale a ${kind.kind}: it has no scale subresource`);
      const ns = nsFor(kind, ctx.namespace);
      // The target must exist: an autoscaler aimed at nothing is a silent mistake.
      await ctx.client.get(kind.resource, ns, name);
      const hpaKind = kinds.mustFind('horizontalpodautoscalers');
      const hpaName = (values.name as string | undefined) ?? name;
      const hpa = {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: hpaName, namespace: ns },
        spec: {
          scaleTargetRef: { apiVersion: kind.apiVersion, kind: kind.kind, name },
          minReplicas: min,
          maxReplicas: max,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }],
        },
      };
      if (dryRun !== 'client') await ctx.client.create(hpaKind.resource, ns, hpa, { dryRun: dryRun === 'server' });
      console.log(`${objectName(hpaKind, hpaName)} autoscaled${dryRunSuffix(dryRun)}`);
      return 0;
    },
  });
}
