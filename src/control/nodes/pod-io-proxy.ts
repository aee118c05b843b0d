// `shoal logs` and `shoal exec` on a master: find the pod's node and proxy the stream to that
// node's agent (its PodIO port, from the Node's status.daemonEndpoints), as Kubernetes' API
// server does to a kubelet. Streams are passed through as they come; nothing is buffered
// beyond what gRPC holds.
import { credentials, Metadata, status, type ServerDuplexStream, type ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Chunk } from '../../gen/shoal/node/Chunk.ts';
import type { Chunk__Output } from '../../gen/shoal/node/Chunk.ts';
import type { ExecInput__Output } from '../../gen/shoal/node/ExecInput.ts';
import type { LogsRequest__Output } from '../../gen/shoal/node/LogsRequest.ts';
import type { PodIOClient } from '../../gen/shoal/node/PodIO.ts';
import { ApiError, REASON_TRAILER } from '../api/api-errors.ts';
import type { Obj, ResourceClient } from '../client/resource-client.ts';
import { nodeProto } from '../../proto/node-proto.ts';

export class PodIoProxy {
  private readonly clients = new Map<string, PodIOClient>();
  private readonly log: Logger;

  constructor(
    private readonly client: ResourceClient,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'pod-io' });
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  /** The agent serving the pod's node. */
  private async agentFor(namespace: string, name: string): Promise<{ agent: PodIOClient; pod: Obj }> {
    const pod = await this.client.get('pods', namespace || 'default', name);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) throw new ApiError('BadRequest', `pod ${name} is not running on a node yet (it is not scheduled)`);
    const node = await this.client.get('nodes', '', nodeName);
    const ip = (node.status?.addresses ?? []).find((a: Obj) => a.type === 'InternalIP')?.address;
    const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
    if (!ip || !port) throw new ApiError('ServiceUnavailable', `node ${nodeName} has no agent endpoint (is its agent running?)`);
    const target = `${ip}:${port}`;
    let agent = this.clients.get(target);
    if (!agent) {
      agent = new (nodeProto().PodIO)(target, credentials.createInsecure(), { 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 1000 });
      this.clients.set(target, agent);
    }
    return { agent, pod };
  }

  logs(call: ServerWritableStream<LogsRequest__Output, Chunk>): void {
    const r = call.request;
    this.agentFor(r.namespace, r.name).then(
      ({ agent }) => {
        const up = agent.Logs(r);
        call.on('cancelled', () => up.cancel());
        up.on('data', (c: Chunk__Output) => call.write(c));
        up.on('end', () => call.end());
        up.on('error', (err) => fail(call, err, this.log));
      },
      (err) => fail(call, err, this.log),
    );
  }

  exec(call: ServerDuplexStream<ExecInput__Output, Chunk>): void {
    let up: ReturnType<PodIOClient['Exec']> | undefined;
    const early: ExecInput__Output[] = [];
    call.on('data', (m: ExecInput__Output) => {
      if (up) up.write(m);
      else if (m.start && early.length === 0) {
        early.push(m);
        this.agentFor(m.start.namespace, m.start.name).then(
          ({ agent }) => {
            up = agent.Exec();
            for (const e of early.splice(0)) up.write(e);
            up.on('data', (c: Chunk__Output) => call.write(c));
            up.on('end', () => call.end());
            up.on('error', (err) => fail(call, err, this.log));
          },
          (err) => fail(call, err, this.log),
        );
      } else early.push(m);
    });
    call.on('end', () => up?.end());
    call.on('cancelled', () => up?.cancel());
  }
}

function fail(call: { emit(e: 'error', err: unknown): boolean; destroyed?: boolean }, err: unknown, log: Logger): void {
  if (err instanceof ApiError) {
    call.emit('error', err);
    return;
  }
  const e = err as { code?: number; details?: string; message?: string };
  log.debug({ event: 'pod-io-failed', err: e.message }, 'logs/exec stream failed');
  const metadata = new Metadata();
  metadata.set(REASON_TRAILER, e.code === status.NOT_FOUND ? 'NotFound' : 'ServiceUnavailable');
  call.emit('error', Object.assign(new Error(e.details || e.message), { code: e.code ?? status.UNAVAILABLE, details: e.details || e.message || 'agent stream failed', metadata }));
}
