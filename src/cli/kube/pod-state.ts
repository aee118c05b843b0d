// A pod's READY / STATUS / RESTARTS as kubectl derives them from its status (shared by
// `get pods` and `describe pod`).
import type { Obj } from '../api-client.ts';

export function podReady(pod: Obj): string {
  const total = (pod.spec?.containers ?? []).length;
  const ready = (pod.status?.containerStatuses ?? []).filter((c: Obj) => c.ready).length;
  return `${ready}/${total}`;
}

export function podRestarts(pod: Obj): number {
  return (pod.status?.containerStatuses ?? []).reduce((n: number, c: Obj) => n + (c.restartCount ?? 0), 0);
}

/**
 * The one word kubectl shows: Terminating while being deleted; else the pod's reason
 * (Evicted, ...) or a container's waiting/terminated reason (ContainerCreating,
 * CrashLoopBackOff, Completed, ...) over the bare phase.
 */
export function podStatus(pod: Obj): string {
  let reason: string = pod.status?.reason || pod.status?.phase || 'Unknown';
  const init: Obj[] = pod.status?.initContainerStatuses ?? [];
  const initTotal = (pod.spec?.initContainers ?? []).length;
  let initializing = false;
  init.forEach((c, i) => {
    if (initializing) return;
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) return;
    initializing = true;
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initTotal}`;
  });
  if (!initializing) {
    let running = false;
    for (const c of [...(pod.status?.containerStatuses ?? [])].reverse() as Obj[]) {
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode}`;
      else if (st.running && c.ready) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  if (pod.metadata?.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}
