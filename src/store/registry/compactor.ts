// Automatic compaction (etcd's --auto-compaction-*), run by the leader only: each compaction
// is an ordinary log entry, so every member forgets the same history at the same point.
//   periodic: keep `retention` ms of history (revisions are sampled every retention/10);
//   revision: keep the last `retention` revisions (checked every 5 s).
import type { Logger } from 'pino';
import type { Registry } from './registry.ts';

export interface AutoCompaction {
  mode: 'periodic' | 'revision';
  retention: number;
}

const REVISION_CHECK_MS = 5000;
const MIN_SAMPLE_MS = 1000;
const MAX_SAMPLES = 64;

export class Compactor {
  private timer: NodeJS.Timeout | undefined;
  private readonly samples: { at: number; revision: number }[] = [];
  private busy = false;
  private readonly log: Logger;

  constructor(
    private readonly reg: Registry,
    private readonly cfg: AutoCompaction,
    logger: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.log = logger.child({ component: 'compactor' });
  }

  start(): void {
    if (this.cfg.retention <= 0) return;
    const every = this.cfg.mode === 'revision' ? REVISION_CHECK_MS : Math.max(MIN_SAMPLE_MS, Math.floor(this.cfg.retention / 10));
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
    this.log.info({ event: 'auto-compaction', mode: this.cfg.mode, retention: this.cfg.retention, everyMs: every }, 'auto compaction on');
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The revision to compact to now, if any (exposed for tests). */
  target(): number | undefined {
    const mvcc = this.reg.sm.mvcc;
    let rev: number | undefined;
    if (this.cfg.mode === 'revision') {
      rev = mvcc.revision - this.cfg.retention;
    } else {
      const cutoff = this.now() - this.cfg.retention;
      for (const s of this.samples) if (s.at <= cutoff) rev = s.revision;
    }
    return rev !== undefined && rev > mvcc.compactRevision ? rev : undefined;
  }

  async tick(): Promise<void> {
    if (this.cfg.mode === 'periodic') {
      this.samples.push({ at: this.now(), revision: this.reg.sm.mvcc.revision });
      if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    }
    if (this.busy || !this.reg.isLeader) return;
    const rev = this.target();
    if (rev === undefined) return;
    this.busy = true;
    try {
      await this.reg.write({ compaction: { revision: rev, physical: false } });
      this.log.info({ event: 'auto-compacted', revision: rev }, 'history compacted automatically');
    } catch (err) {
      this.log.debug({ event: 'auto-compaction-deferred', revision: rev, err: (err as Error).message }, 'auto compaction not done; will retry');
    } finally {
      this.busy = false;
    }
  }
}
