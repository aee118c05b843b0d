// The agent's PodIO service (proto/node.proto): container logs and exec, reached by the
// masters' proxy. The pod is found among the pods bound to this node, the container by name
// (default: the pod's first), the instance by attempt.
import { Server, ServerCredentials, status, type ServerDuplexStream, type ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Obj } from '../control/client/resource-client.ts';
import { nodeProto } from '../proto/node-proto.ts';
import type { Chunk } from '../gen/shoal/node/Chunk.ts';
import type { ExecInput__Output } from '../gen/shoal/node/ExecInput.ts';
import type { LogsRequest__Output } from '../gen/shoal/node/LogsRequest.ts';
import type { ContainerStatus, Runtime } from './runtime/runtime.ts';

export interface PodIoServerOptions {
  /** host:port to listen on (port 0: any free one). */
  listen: string;
  pod(namespace: string, name: string): Obj | undefined;
  runtime(): Runtime | undefined;
  logger: Logger;
}

class PodIoError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

export class PodIoServer {
  private readonly server = new Server();
  private readonly log: Logger;
  port = 0;

  constructor(private readonly o: PodIoServerOptions) {
    this.log = o.logger.child({ component: 'pod-io' });
    this.server.addService(nodeProto().PodIO.service, {
      Logs: (call: ServerWritableStream<LogsRequest__Output, Chunk>) => void this.logs(call).catch((err) => this.fail(call, err)),
      Exec: (call: ServerDuplexStream<ExecInput__Output, Chunk>) => this.exec(call),
    });
  }

  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(this.o.listen, ServerCredentials.createInsecure(), (err, port) => {
        if (err) return reject(err);
        this.port = port;
        resolve(port);
      });
    });
  }

  stop(): void {
    this.server.forceShutdown();
  }

  /** The container instance: latest attempt of the named (or first) container. */
  private async find(namespace: string, name: string, container: string, running: boolean): Promise<{ runtime: Runtime; c: ContainerStatus }> {
    const pod = this.o.pod(namespace || 'default', name);
    if (!pod) throw new PodIoError(status.NOT_FOUND, `pod ${name} is not on this node`);
    const cname = container || pod.spec.containers[0]?.name;
    if (!pod.spec.containers.some((c: Obj) => c.name === cname)) {
      throw new PodIoError(status.NOT_FOUND, `container ${cname} is not valid for pod ${name} (containers: ${pod.spec.containers.map((c: Obj) => c.name).join(', ')})`);
    }
    const runtime = this.o.runtime();
    if (!runtime) throw new PodIoError(status.UNAVAILABLE, 'the agent has no runtime yet');
    const [c] = (await runtime.listContainers()).filter((x) => x.pod.uid === pod.metadata.uid && x.name === cname).sort((a, b) => b.attempt - a.attempt);
    if (!c) throw new PodIoError(status.NOT_FOUND, `container ${cname} in pod ${name} has not started`);
    if (running && c.state !== 'running') throw new PodIoError(status.FAILED_PRECONDITION, `container ${cname} in pod ${name} is not running`);
    return { runtime, c };
  }

  private async logs(call: ServerWritableStream<LogsRequest__Output, Chunk>): Promise<void> {
    const r = call.request;
    const { runtime, c } = await this.find(r.namespace, r.name, r.container, false);
    const stream = await runtime.logs(c.id, { follow: r.follow, tailLines: r.tailLines >= 0 ? r.tailLines : undefined, timestamps: r.timestamps, previous: r.previous });
    call.on('cancelled', () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.());
    stream.on('data', (d: Buffer | string) => call.write({ stdout: Buffer.isBuffer(d) ? d : Buffer.from(d) }));
    stream.on('end', () => call.end());
    stream.on('error', (err: Error) => this.fail(call, err));
  }

  private exec(call: ServerDuplexStream<ExecInput__Output, Chunk>): void {
    let stdin: NodeJS.WritableStream | undefined;
    let started = false;
    const pending: ExecInput__Output[] = [];
    const feed = (m: ExecInput__Output) => {
      if (m.stdin?.length) stdin?.write(m.stdin);
      if (m.stdinEof) stdin?.end();
    };
    call.on('data', (m: ExecInput__Output) => {
      if (!started && m.start) {
        started = true;
        const s = m.start;
        this.find(s.namespace, s.name, s.container, true)
          .then(async ({ runtime, c }) => {
            if (s.command.length === 0) throw new PodIoError(status.INVALID_ARGUMENT, 'exec: no command');
            const es = await runtime.exec(c.id, s.command, { stdin: s.stdin, tty: s.tty });
            stdin = es.stdin;
            for (const p of pending.splice(0)) feed(p);
            call.on('cancelled', () => es.kill());
            es.stdout.on('data', (d: Buffer) => call.write({ stdout: d }));
            es.stderr.on('data', (d: Buffer) => call.write({ stderr: d }));
            const code = await es.exit;
            call.write({ exited: true, exitCode: code });
            call.end();
          })
          .catch((err) => this.fail(call, err));
      } else if (stdin) feed(m);
      else pending.push(m);
    });
  }

  private fail(call: { emit(e: 'error', err: unknown): boolean }, err: unknown): void {
    const code = err instanceof PodIoError ? err.code : status.INTERNAL;
    const message = (err as Error).message;
    this.log.debug({ event: 'pod-io-failed', err: message }, 'logs/exec failed');
    call.emit('error', Object.assign(new Error(message), { code, details: message }));
  }
}
