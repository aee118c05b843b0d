// A RaftControl client for one endpoint, promise-shaped, every call with a deadline (a dead
// master must turn into an error row, not a hung command).
import { credentials, type ServiceError } from '@grpc/grpc-js';
import type { Empty__Output } from '../gen/shoal/control/Empty.ts';
import type { ProposeResponse__Output } from '../gen/shoal/control/ProposeResponse.ts';
import type { RaftControlClient } from '../gen/shoal/control/RaftControl.ts';
import type { StatusResponse__Output } from '../gen/shoal/control/StatusResponse.ts';
import { controlProto } from '../master/control-proto.ts';

export class ControlCallError extends Error {
  override readonly name = 'ControlCallError';

  constructor(
    readonly endpoint: string,
    readonly call: string,
    /** The gRPC status code (grpc-js `status`). */
    readonly code: number,
    readonly details: string,
  ) {
    super(`${endpoint} ${call}: ${details}`);
  }
}

export class ControlClient {
  private readonly client: RaftControlClient;

  constructor(
    readonly endpoint: string,
    private readonly timeoutMs = 3000,
  ) {
    this.client = new (controlProto().RaftControl)(endpoint, credentials.createInsecure(), {
      // Fail fast against a master that is down instead of redialling for the whole deadline.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    });
  }

  status(): Promise<StatusResponse__Output> {
    return this.unary<StatusResponse__Output>('Status', (cb) => this.client.Status({}, { deadline: this.deadline() }, cb));
  }

  async propose(data: Uint8Array): Promise<number> {
    const res = await this.unary<ProposeResponse__Output>('Propose', (cb) => this.client.Propose({ data }, { deadline: this.deadline() }, cb));
    return res.index;
  }

  async transferLeadership(targetId: number): Promise<void> {
    await this.unary<Empty__Output>('TransferLeadership', (cb) => this.client.TransferLeadership({ targetId }, { deadline: this.deadline() }, cb));
  }

  close(): void {
    this.client.close();
  }

  private deadline(): Date {
    return new Date(Date.now() + this.timeoutMs);
  }

  private unary<T>(call: string, start: (cb: (err: ServiceError | null, res?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      start((err, res) => {
        if (err) reject(new ControlCallError(this.endpoint, call, err.code, err.details || err.message));
        else resolve(res as T);
      });
    });
  }
}

export { endpointTarget } from '../client/endpoint.ts';
