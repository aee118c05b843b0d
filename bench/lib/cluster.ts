/** What a benchmark needs of a replicated group, so shoal and etcd run the same script. */
export interface BenchClient {
  endpoint: string;
  /** A replicated, durable write; resolves when committed (and acknowledged by the server). */
  put(key: string, value: Uint8Array, timeoutMs: number): Promise<void>;
  status(): Promise<{ id: string; leader: string; term: number }>;
  close(): void;
}

export interface BenchCluster {
  readonly kind: string;
  start(): Promise<void>;
  endpoints(): string[];
  client(endpoint: string, timeoutMs?: number): BenchClient;
  leaderEndpoint(timeoutMs?: number): Promise<string>;
  /** kill -9 the process behind an endpoint. */
  kill(endpoint: string): void;
  /** Start it again on its old data. */
  restart(endpoint: string): void;
  stop(): Promise<void>;
}
