// What every controller is given and how it runs: level-triggered reconcile loops fed by
// shared informers through a work queue. A controller runs only while its manager leads;
// all its writes go through a fenced client.
import type { Logger } from 'pino';
import type { ResourceClient } from '../client/resource-client.ts';
import type { EventRecorder } from '../events/event-recorder.ts';
import type { SharedInformers } from '../informer/shared-informers.ts';

export interface ControllerConfig {
  /** A node whose lease was not renewed for this long is NotReady (its Ready condition Unknown). */
  nodeGracePeriodMs: number;
  /** Pods on a NotReady node without their own toleration are evicted after this long. */
  podEvictionTimeoutMs: number;
  /** An agent that stopped on purpose (AgentRestarting) has this long to come back before its node counts as lost. */
  agentRestartHoldMs: number;
  /** More than this share of the nodes not Ready (5 nodes or more) is a partial disruption. */
  unhealthyZoneThreshold: number;
  /** Nodes a second whose pods are evicted during a partial disruption. */
  secondaryNodeEvictionRate: number;
  /** Service cluster IPs come from here (default 10.96.0.0/16). */
  serviceCidr: string;
  nodePortRange: { min: number; max: number };
  /** How often the autoscaler evaluates each HPA. */
  hpaSyncPeriodMs: number;
  /** HPA scale-down stabilization window default (Kubernetes: 300 s). */
  hpaDownscaleStabilizationMs: number;
}

export const DEFAULT_CONTROLLER_CONFIG: ControllerConfig = {
  // A node agent renews its lease every 250 ms; a node silent for 3 s is NotReady and its
  // pods go half a second later (Kubernetes: 40 s + 300 s). An agent that dies outright is
  // NotReady at once (its stream breaks). 1 s was tried: on two busy cores renewals run late
  // and healthy nodes lost their pods (bench:heal --real, README).
  nodeGracePeriodMs: 3000,
  podEvictionTimeoutMs: 500,
  agentRestartHoldMs: 30_000,
  unhealthyZoneThreshold: 0.55,
  secondaryNodeEvictionRate: 0.1,
  serviceCidr: '10.96.0.0/16',
  nodePortRange: { min: 30000, max: 32767 },
  hpaSyncPeriodMs: 5000,
  hpaDownscaleStabilizationMs: 300_000,
};

export interface ControllerContext {
  /** Fenced: writes fail once this manager is no longer the leader. */
  client: ResourceClient;
  informers: SharedInformers;
  events: EventRecorder;
  logger: Logger;
  config: ControllerConfig;
  now(): number;
}

export interface Controller {
  readonly name: string;
  /** Starts the controller's loops; called each time leadership is won. */
  start(ctx: ControllerContext): void;
  /** Stops them (leadership lost or shutting down); must not write afterwards. */
  stop(): void;
}
