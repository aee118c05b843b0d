// The master's client-facing gRPC server. One server on the client port carries every client
// service: the RaftControl development API now, the etcd v3 API and the shoal API later, each
// added with addService before start().
import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Logger } from 'pino';

const MiB = 1024 * 1024;
/** How long stop() lets calls in flight finish before cutting them. */
const DRAIN_MS = 2000;

export class ClientServerError extends Error {
  override readonly name = 'ClientServerError';
}

export interface ClientServerOptions {
  /** host:port; port 0 picks a free one (read it back from `port`). */
  listen: string;
  logger: Logger;
  maxMessageBytes?: number;
}

export class ClientServer {
  private readonly server: Server;
  private readonly log: Logger;
  private readonly services: string[] = [];
  private boundPort: number | undefined;
  private state: 'new' | 'running' | 'stopped' = 'new';

  constructor(private readonly opts: ClientServerOptions) {
    const max = opts.maxMessageBytes ?? 4 * MiB;
    this.server = new Server({ 'grpc.max_receive_message_length': max, 'grpc.max_send_message_length': max });
    this.log = opts.logger.child({ component: 'client-server' });
  }

  addService(name: string, definition: ServiceDefinition, implementation: UntypedServiceImplementation): void {
    if (this.state !== 'new') throw new ClientServerError(`addService(${name}) after start: gRPC servers take services only before binding`);
    this.server.addService(definition, implementation);
    this.services.push(name);
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new ClientServerError(`start() in state ${this.state}`);
    this.boundPort = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(this.opts.listen, ServerCredentials.createInsecure(), (err, port) => {
        if (err) reject(new ClientServerError(`cannot listen on ${this.opts.listen}: ${err.message}`, { cause: err }));
        else resolve(port);
      });
    });
    this.state = 'running';
    this.log.info({ event: 'client-server-started', listen: this.opts.listen, port: this.boundPort, services: this.services }, 'client gRPC server listening');
  }

  get port(): number {
    if (this.boundPort === undefined) throw new ClientServerError('not started');
    return this.boundPort;
  }

  /** Refuses new calls, lets calls in flight finish for a moment, then cuts the rest. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    const wasRunning = this.state === 'running';
    this.state = 'stopped';
    if (!wasRunning) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, DRAIN_MS);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.log.info({ event: 'client-server-stopped' }, 'client gRPC server stopped');
  }
}
