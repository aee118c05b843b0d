// `shoal rollout status deploy/NAME`: watches the deployment until its rollout is complete
// (every replica updated and available, the latest spec observed), with kubectl's progress
// lines on stderr; --timeout bounds the wait.
import type { Obj } from '../api-client.ts';
import type { KubeContext } from './context.ts';
import { CommandError } from './errors.ts';
import { Progress } from './progress.ts';
import { WatchLoop } from './watch-loop.ts';

export type RolloutState = { done: true; message: string } | { done: false; message: string };

/** kubectl's reading of a deployment's status; throws when the rollout has failed. */
export function deploymentRollout(d: Obj): RolloutState {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  const progressing = (st.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`deployment "${name}" exceeded its progress deadline`);
  const want = d.spec?.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const wait = (what: string) => ({ done: false as const, message: `Waiting for deployment "${name}" rollout to finish: ${what}...` });
  if (updated < want) return wait(`${updated} out of ${want} new replicas have been updated`);
  if ((st.replicas ?? 0) > updated) return wait(`${(st.replicas ?? 0) - updated} old replicas are pending termination`);
  if (available < updated || available < want) return wait(`${available} of ${updated} updated replicas are available`);
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

export async function rolloutStatus(ctx: KubeContext, ns: string, name: string, timeoutMs: number, watch: boolean): Promise<number> {
  const first = await ctx.client.get('deployments', ns, name);
  const progress = new Progress();
  let state = deploymentRollout(first);
  if (state.done || !watch) {
    (state.done ? console.log : console.error)(state.message);
    return 0;
  }
  progress.say(state.message);
  let failure: unknown;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const loop = new WatchLoop(ctx.client, { resource: 'deployments', namespace: ns, name }, (type, obj) => {
    try {
      if (type === 'DELETED') throw new CommandError(`deployment "${name}" was deleted`);
      state = deploymentRollout(obj);
      if (state.done) finish();
      else progress.say(state.message);
    } catch (err) {
      failure = err;
      finish();
    }
  });
  loop.startFrom([first], first.metadata.resourceVersion);
  const running = loop.run().then(finish, (err: unknown) => {
    failure = err;
    finish();
  });
  const timer = timeoutMs > 0 ? setTimeout(() => {
    failure = new CommandError(`timed out waiting for the condition (${state.message.replace(/\.\.\.$/, '')})`);
    finish();
  }, timeoutMs) : undefined;
  await finished;
  clearTimeout(timer);
  loop.stop();
  await running;
  if (failure) throw failure;
  // The watch callback changed `state`; control-flow narrowing cannot see that.
  const last = state as RolloutState;
  if (!last.done) throw new CommandError(`the watch of deployment "${name}" ended before its rollout finished`);
  console.log(last.message);
  return 0;
}
