// The harness's self-test: `--break MODE` starts one component deliberately broken, and the run
// must then end with the named check failing. A checker that has never been seen to fail may
// be unable to, so this is what gives a clean report its meaning.

export type BreakComponent = 'master' | 'agent';

/**
 * The check that must flag the mode. not-linearizable: the KV history checker
 * (chaos/linearizability.ts) finds a violation. not-recovered: a killed container is never
 * replaced, so the Deployment's declared replicas are not back (serving) within the bound.
 */
export type BreakCheck = 'not-linearizable' | 'not-recovered';

export interface BreakMode {
  component: BreakComponent;
  /** Passed verbatim to every process of `component` (`shoal master` / `shoal agent`). */
  flag: string;
  caughtBy: BreakCheck;
  /** What the broken component does, for the report. */
  effect: string;
}

export const BREAK_MODES = {
  'stale-reads': {
    component: 'master',
    flag: '--unsafe-break=stale-reads',
    caughtBy: 'not-linearizable',
    effect: 'linearizable reads are served from the member\'s applied state, without ReadIndex',
  },
  'hide-dead-containers': {
    component: 'agent',
    flag: '--unsafe-break=hide-dead-containers',
    caughtBy: 'not-recovered',
    effect: 'an exited container is reported running and Ready and is never restarted',
  },
} as const satisfies Record<string, BreakMode>;

export type BreakModeName = keyof typeof BREAK_MODES;

export class UnknownBreakModeError extends Error {
  override readonly name = 'UnknownBreakModeError';
}

/** The mode named by `--break NAME`; an unknown name is an error listing the known ones. */
export function breakMode(name: string): BreakMode & { name: BreakModeName } {
  if (!Object.hasOwn(BREAK_MODES, name)) {
    throw new UnknownBreakModeError(`unknown break mode "${name}"; known: ${Object.keys(BREAK_MODES).join(', ')}`);
  }
  const n = name as BreakModeName;
  return { name: n, ...BREAK_MODES[n] };
}

/** Extra flags for one process of `component` under `mode` (none when no mode is given). */
export function breakFlags(mode: BreakModeName | undefined, component: BreakComponent): string[] {
  if (!mode) return [];
  const m: BreakMode = BREAK_MODES[mode];
  return m.component === component ? [m.flag] : [];
}
