// The container runtime as the node agent sees it: pods are sandboxes (a network namespace
// and an IP, owned by a holder: Docker's pause container or, in the process runtime, a
// namespace the agent made) with containers in them. Everything is labelled with the pod's
// uid, so an agent that restarts finds and adopts what it started instead of killing it.
// Two implementations: docker-runtime.ts (dockerode) and process-runtime.ts (child processes).

export interface PodRef {
  uid: string;
  namespace: string;
  name: string;
}

export interface SandboxSpec extends PodRef {
  /** Hostname inside the pod (the pod name). */
  hostname: string;
  /** Port mappings on the node's addresses (hostPort), if any. */
  hostPorts?: { containerPort: number; hostPort: number; protocol: 'TCP' | 'UDP' }[];
  /** resolv.conf lines for the pod (cluster DNS; may be empty until services exist). */
  dns?: { nameservers: string[]; searches: string[]; options: string[] };
}

export interface Sandbox extends PodRef {
  /** Runtime-specific id (container id of the pause container, or the netns name). */
  id: string;
  /** The pod's IP ('' when the runtime gives pods no network of their own). */
  ip: string;
  createdAt: number;
  ready: boolean;
}

export interface Mount {
  /** A host directory or file prepared by the agent (configMap/secret/emptyDir volumes). */
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

export interface ContainerSpec {
  /** The pod's container name. */
  name: string;
  image: string;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** Entrypoint override (Kubernetes' command) and arguments (args); empty = the image's. */
  command: string[];
  args: string[];
  env: Record<string, string>;
  workingDir?: string;
  mounts: Mount[];
  /** CPU limit in cores (0 = none) and memory limit in bytes (0 = none). */
  cpuLimit: number;
  memoryLimitBytes: number;
  /** How many times this container was restarted before (labels the new instance). */
  attempt: number;
  /** Where the container's stdout/stderr go (the runtime may keep its own log as well). */
  tty?: boolean;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  id: string;
  pod: PodRef;
  name: string;
  attempt: number;
  image: string;
  /** Image id/digest as the runtime knows it. */
  imageId: string;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** e.g. 'OOMKilled', 'Error', 'Completed'. */
  reason?: string;
  message?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecStream {
  /** Write to the process's stdin (if it was asked for). */
  stdin?: NodeJS.WritableStream;
  stdout: NodeJS.ReadableStream;
  stderr: NodeJS.ReadableStream;
  /** The exit code once it ends. */
  exit: Promise<number>;
  kill(): void;
}

export interface LogOptions {
  follow: boolean;
  /** Only the last N lines (undefined = all). */
  tailLines?: number;
  /** Include timestamps (RFC 3339) at line starts. */
  timestamps?: boolean;
  /** The previous instance of the container (after a restart). */
  previous?: boolean;
}

export interface ContainerStats {
  /** CPU used, in millicores averaged over the last sampling period. */
  cpuMillicores: number;
  memoryBytes: number;
}

/** A refusal the agent reports in pod status (the reasons Kubernetes users know). */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(
    /** 'ErrImagePull', 'ErrImageNeverPull', 'CreateContainerError', 'RunContainerError', 'SandboxError', ... */
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Runtime {
  readonly name: 'docker' | 'process';
  /** Version string for Node status (nodeInfo.containerRuntimeVersion), e.g. "docker://26.1.5". */
  version(): Promise<string>;

  /** Creates the pod's sandbox (idempotent per pod uid: returns the existing one). */
  runSandbox(spec: SandboxSpec): Promise<Sandbox>;
  /** Stops and removes the sandbox and everything in it. */
  removeSandbox(uid: string): Promise<void>;
  listSandboxes(): Promise<Sandbox[]>;

  /** Makes the image present according to the pull policy, or throws RuntimeError('ErrImagePull' | 'ErrImageNeverPull', ...). */
  ensureImage(image: string, policy: ContainerSpec['imagePullPolicy']): Promise<string>;
  /** Creates and starts a container in the pod's sandbox; returns its id. */
  startContainer(sandbox: Sandbox, spec: ContainerSpec): Promise<string>;
  /** SIGTERM, then SIGKILL after graceSeconds. */
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  /** Every container this runtime started for any pod (running or not). */
  listContainers(): Promise<ContainerStatus[]>;

  exec(id: string, cmd: string[], opts: { stdin?: boolean; tty?: boolean; timeoutMs?: number }): Promise<ExecStream>;
  /** Runs a command to completion (probes): output captured, bounded. */
  execSync(id: string, cmd: string[], timeoutMs: number): Promise<ExecResult>;
  logs(id: string, opts: LogOptions): Promise<NodeJS.ReadableStream>;
  stats(id: string): Promise<ContainerStats | undefined>;

  /** Releases connections and timers (does not stop containers). */
  close(): Promise<void>;
}

/**
 * Gives a pod's network namespace its address on the node's pod network (a veth on the
 * node's bridge, an IP from the node's pod CIDR, a default route via the bridge). Shared by
 * both runtimes: Docker's pause container runs with no network and is attached the same way.
 */
export interface PodNetwork {
  /** The node's pod CIDR and bridge address ('' when the network is off, e.g. not root). */
  readonly podCidr: string;
  /**
   * Attaches the namespace at `netnsPath` (e.g. /proc/PID/ns/net); idempotent per pod uid;
   * returns the pod IP. A named namespace (/var/run/netns/NAME) that does not exist is made.
   */
  attach(pod: PodRef, netnsPath: string): Promise<string>;
  /** Releases the pod's address and removes its veth (idempotent). */
  detach(pod: PodRef): Promise<void>;
  /** The addresses in use, by pod uid (to rebuild after an agent restart). */
  allocations(): Map<string, string>;
  /**
   * Hands what `from` holds (address, veth, namespace) to pod `to`, which must hold nothing:
   * how a namespace attached ahead of time (a warm sandbox) becomes a pod's. Optional: a
   * runtime keeps no warm sandboxes on a network without it.
   */
  reassign?(from: string, to: PodRef): Promise<void>;
}
