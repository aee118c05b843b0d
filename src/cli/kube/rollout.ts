// `shoal rollout status|history|undo|restart|pause|resume deploy/NAME`.
import type { Obj } from '../api-client.ts';
import { renderTable } from '../table.ts';
import { UsageError } from '../usage-error.ts';
import { parseDuration } from './age.ts';
import { runKube } from './command.ts';
import type { KubeContext } from './context.ts';
import { Doc, podTemplate } from './describe-format.ts';
import { CommandError } from './errors.ts';
import { intFlag } from './flag-values.ts';
import { loadKinds, nsFor, objectName, parseOneTarget, resourceName, type KindInfo } from './resources.ts';
import { findRevision, historyTable, revisions, undo } from './rollout-history.ts';
import { rolloutStatus } from './rollout-status.ts';

const USAGE = `usage: shoal rollout SUBCOMMAND deploy/NAME [flags]

  status    wait until the rollout is complete (--timeout=DURATION, --watch=false: once)
  history   the revisions (the deployment's ReplicaSets); --revision=N shows one's template
  undo      go back to the previous revision, or --to-revision=N
  restart   replace every pod (a new template annotation starts a rollout)
  pause     stop rolling out template changes until resume
  resume    roll out again`;

const SUBCOMMANDS = ['status', 'history', 'undo', 'restart', 'pause', 'resume'];

export function runRollout(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { timeout: {}, watch: { short: 'w', boolean: true }, revision: {}, 'to-revision': {} },
    async run(ctx, { values, positionals }) {
      const [sub, ...words] = positionals;
      if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError(`rollout needs a subcommand: ${SUBCOMMANDS.join(', ')}${sub ? ` (got "${sub}")` : ''}`);
      const kinds = await loadKinds(ctx.client);
      const { kind, name, rest } = parseOneTarget(words, kinds, 'deploy/NAME');
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      if (kind.kind !== 'Deployment') throw new CommandError(`rollout ${sub} is supported for deployments only, not ${kind.resource}`);
      const ns = nsFor(kind, ctx.namespace);
      switch (sub) {
        case 'status': {
          const timeoutMs = values.timeout === undefined ? 0 : parseDuration(values.timeout as string, '--timeout');
          return rolloutStatus(ctx, ns, name, timeoutMs, values.watch !== false);
        }
        case 'history':
          return history(ctx, kind, await ctx.client.get(kind.resource, ns, name), intFlag(values.revision, '--revision', 0));
        case 'undo': {
          const r = await undo(ctx, await ctx.client.get(kind.resource, ns, name), intFlag(values['to-revision'], '--to-revision', 0));
          console.log(r.changed ? `${objectName(kind, name)} rolled back` : `${objectName(kind, name)} skipped rollback (current template already matches revision ${r.revision})`);
          return 0;
        }
        default:
          return setState(ctx, kind, ns, name, sub as 'restart' | 'pause' | 'resume');
      }
    },
  });
}

function history(ctx: KubeContext, kind: KindInfo, deploy: Obj, revision: number): Promise<number> {
  return revisions(ctx, deploy).then((revs) => {
    if (revision > 0) {
      const r = findRevision(revs, revision, deploy.metadata.name);
      const doc = new Doc();
      podTemplate(doc, 0, r.rs.spec?.template);
      console.log(`${objectName(kind, deploy.metadata.name)} with revision #${revision}\n${doc.render()}`);
      return 0;
    }
    console.log(`${objectName(kind, deploy.metadata.name)}\n${renderTable(['REVISION', 'CHANGE-CAUSE'], historyTable(revs))}`);
    return 0;
  });
}

/** restart, pause and resume: one merge patch each, refused where kubectl refuses. */
async function setState(ctx: KubeContext, kind: KindInfo, ns: string, name: string, sub: 'restart' | 'pause' | 'resume'): Promise<number> {
  const d = await ctx.client.get(kind.resource, ns, name);
  const paused = d.spec?.paused === true;
  const rn = `${resourceName(kind)} "${name}"`;
  let patch: Obj;
  if (sub === 'restart') {
    if (paused) throw new CommandError(`${rn} can't restart paused deployment (run rollout resume first)`);
    // A changed template annotation is a new template: the deployment replaces every pod.
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now } } } } };
  } else if (sub === 'pause') {
    if (paused) throw new CommandError(`${rn} is already paused`);
    patch = { spec: { paused: true } };
  } else {
    if (!paused) throw new CommandError(`${rn} is not paused`);
    patch = { spec: { paused: null } };
  }
  await ctx.client.patch(kind.resource, ns, name, patch);
  console.log(`${objectName(kind, name)} ${sub === 'restart' ? 'restarted' : sub === 'pause' ? 'paused' : 'resumed'}`);
  return 0;
}
