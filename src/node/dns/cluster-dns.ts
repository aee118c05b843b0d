// The node-local cluster DNS (in the role of NodeLocal DNSCache, but authoritative itself): a
// zone fed by the agent's Services and Endpoints informers, answered on one address over UDP
// and TCP. A failed bind (the bridge address not up yet, the port taken) is retried with
// back-off until stop(): pods keep asking meanwhile and their resolvers retry too.
import type { Logger } from 'pino';
import { ClusterZone } from './cluster-zone.ts';
import { feedZone, type ObjectSource } from './informer-feed.ts';
import { Responder, type ResponderLimits } from './responder.ts';
import { DnsServer } from './server.ts';

export interface ClusterDnsOptions {
  host: string;
  port: number;
  /** Default cluster.local. */
  domain?: string;
  services: ObjectSource;
  endpoints: ObjectSource;
  logger: Logger;
  limits?: ResponderLimits & { maxAnswers?: number };
  /** First pause before binding again after a failure (doubles up to 5 s; default 200 ms). */
  retryMs?: number;
}

const MAX_RETRY_MS = 5000;

export class ClusterDns {
  readonly zone: ClusterZone;
  readonly server: DnsServer;
  private readonly log: Logger;
  private unfeed?: () => void;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private lastBindError = '';

  constructor(private readonly o: ClusterDnsOptions) {
    this.log = o.logger.child({ component: 'cluster-dns' });
    this.zone = new ClusterZone({ domain: o.domain, maxAnswers: o.limits?.maxAnswers });
    this.server = new DnsServer({ host: o.host, port: o.port, responder: new Responder(this.zone, o.limits), logger: o.logger });
  }

  /** Subscribes to the informers and binds; resolves after the first bind attempt (a failed one is retried in the background). */
  async start(): Promise<void> {
    this.unfeed = feedZone(this.zone, this.o.services, this.o.endpoints);
    await this.bind(this.o.retryMs ?? 200);
  }

  get listening(): boolean {
    return this.server.port !== 0;
  }

  private async bind(delay: number): Promise<void> {
    if (this.stopped) return;
    try {
      await this.server.start();
      if (this.stopped) await this.server.stop();
    } catch (err) {
      // Said loudly once per distinct cause, not every few seconds while it lasts.
      const why = (err as Error).message;
      const level = why === this.lastBindError ? 'debug' : 'warn';
      this.lastBindError = why;
      this.log[level]({ event: 'dns-bind-failed', host: this.o.host, port: this.o.port, retryMs: delay, err: why }, 'cluster DNS cannot listen yet; retrying');
      this.retryTimer = setTimeout(() => void this.bind(Math.min(MAX_RETRY_MS, delay * 2)), delay);
      this.retryTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.unfeed?.();
    await this.server.stop();
  }
}
