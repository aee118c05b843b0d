// One master process's parts, wired: LevelDB storage, gRPC peer transport, the Raft node with
// its state machine, and the client gRPC server in front. Start order is storage, transport
// (through the node), client server; stop order is the reverse, so no client call lands on a
// node whose storage is already closed.
import path from 'node:path';
import type { Logger } from 'pino';
import { RaftNode } from '../raft/node/raft-node.ts';
import { LevelDbStorage } from '../raft/storage/leveldb-storage.ts';
import { GrpcTransport } from '../raft/transport/grpc-transport.ts';
import type { MasterConfig } from './config.ts';
import { createControlService } from './control-service.ts';
import { controlProto } from './control-proto.ts';
import { ClientServer } from './grpc-server.ts';
import { claimDataDir } from './identity.ts';
import { formatId, memberId } from './member-id.ts';
import { parseHttpUrl } from './urls.ts';
import { etcdProto } from '../store/etcd/etcd-proto.ts';
import { createKvService } from '../store/etcd/kv-service.ts';
import { createWatchService } from '../store/etcd/watch-service.ts';
import { createLeaseService } from '../store/etcd/lease-service.ts';
import { createClusterService } from '../store/etcd/cluster-service.ts';
import { createMaintenanceService } from '../store/etcd/maintenance-service.ts';
import { Compactor } from '../store/registry/compactor.ts';
import { Registry } from '../store/registry/registry.ts';
import { RegistryStateMachine } from '../store/registry/registry-state-machine.ts';
import { LocalKvClient } from '../store/client/local-kv-client.ts';
import { apiProto } from '../proto/api-proto.ts';
import { ensureSystemNamespaces } from '../control/api/bootstrap.ts';
import { ResourceApi } from '../control/api/resource-api.ts';
import { createResourcesService } from '../control/api/resources-service.ts';
import { LocalResourceClient } from '../control/client/local-resource-client.ts';
import { ControlPlane } from '../control/control-plane.ts';
import { allControllers } from '../control/controllers/all.ts';
import { SharedInformers } from '../control/informer/shared-informers.ts';
import { NodeHub } from '../control/nodes/node-hub.ts';
import { nodeProto } from '../proto/node-proto.ts';
import { PodIoProxy } from '../control/nodes/pod-io-proxy.ts';

export class MasterFailedError extends Error {
  override readonly name = 'MasterFailedError';
}

export interface RunningMaster {
  node: RaftNode;
  stateMachine: RegistryStateMachine;
  registry: Registry;
  /** The resource API's semantics, for in-process callers (the gRPC service wraps the same). */
  api: ResourceApi;
  clientPort: number;
  /** Resolves if the Raft node stops on its own (a failed fsync, a state machine that threw). */
  readonly failed: Promise<MasterFailedError>;
  stop(): Promise<void>;
}

export async function startMaster(cfg: MasterConfig, baseLogger: Logger): Promise<RunningMaster> {
  // Every line of this master says which member wrote it (the Raft layer logs decimal ids).
  const logger = baseLogger.child({ member: cfg.name, memberId: formatId(cfg.id) });
  const log = logger.child({ component: 'master' });
  const fresh = await claimDataDir(cfg);
  const peers = cfg.initialCluster.map((m) => ({ id: m.id, address: m.peerAddress }));
  log.info(
    {
      event: 'master-starting',
      raftId: cfg.id,
      clusterId: formatId(cfg.clusterId),
      dataDir: cfg.dataDir,
      freshDataDir: fresh,
      clusterState: cfg.clusterState,
      members: cfg.initialCluster.map((m) => `${m.name}=${m.peerUrl}`),
      listenPeer: cfg.listenPeer,
      listenClient: cfg.listenClient,
      advertiseClientUrls: cfg.advertiseClientUrls,
      heartbeatMs: cfg.heartbeatTick * cfg.tickMs,
      electionMs: cfg.electionTick * cfg.tickMs,
    },
    'master starting',
  );
  if (cfg.unsafeBreak) {
    log.warn(
      { event: 'unsafe-break', mode: cfg.unsafeBreak },
      `UNSAFE: --unsafe-break=${cfg.unsafeBreak}: this master breaks its guarantees on purpose (chaos harness self-test only); never use it for real data`,
    );
  }

  let stopping = false;
  let reportFailure!: (e: MasterFailedError) => void;
  const failed = new Promise<MasterFailedError>((resolve) => (reportFailure = resolve));
  const onFailure = (what: string, err: unknown) => {
    if (stopping) return;
    const reason = err instanceof Error ? err.message : String(err);
    reportFailure(new MasterFailedError(`raft node ${formatId(cfg.id)} stopped: ${what} failed: ${reason}`, { cause: err }));
  };
  const storage = await LevelDbStorage.open(path.join(cfg.dataDir, 'raft'));

  const transport = new GrpcTransport({ id: cfg.id, clusterId: cfg.clusterId, listen: cfg.listenPeer, peers, logger });
  // The registry's applied state lives beside the Raft log; a restart replays only the entries
  // after what it holds.
  const stateMachine = await RegistryStateMachine.open(path.join(cfg.dataDir, 'registry'));
  let node: RaftNode;
  try {
    node = await RaftNode.start({
      id: cfg.id,
      storage,
      transport,
      initialPeers: peers,
      join: cfg.clusterState === 'existing',
      stateMachine,
      logger,
      tickMs: cfg.tickMs,
      heartbeatTick: cfg.heartbeatTick,
      electionTick: cfg.electionTick,
      snapshotCount: cfg.snapshotCount,
      catchUpEntries: cfg.snapshotCatchupEntries,
    });
  } catch (err) {
    stopping = true;
    await transport.stop().catch(() => undefined);
    await storage.close().catch(() => undefined);
    await stateMachine.close().catch(() => undefined);
    throw err;
  }

  node.onFatal((err) => onFailure('persisting or applying the log', err));

  const registry = new Registry({
    node,
    stateMachine,
    memberId: cfg.id,
    clusterId: cfg.clusterId,
    name: cfg.name,
    clientUrls: cfg.advertiseClientUrls,
    limits: cfg.limits,
    tickMs: cfg.tickMs,
    electionTick: cfg.electionTick,
    logger,
    ...(cfg.unsafeBreak === 'stale-reads' ? { unsafeStaleReads: true } : {}),
  });
  const compactor = new Compactor(registry, cfg.autoCompaction, logger);

  // A little above --max-request-bytes, for the envelope (as etcd sizes its gRPC limit).
  const server = new ClientServer({ listen: cfg.listenClient, logger, maxMessageBytes: cfg.limits.maxRequestBytes + 512 * 1024 });
  const etcd = etcdProto();
  server.addService('etcdserverpb.KV', etcd.KV.service, createKvService(registry, logger));
  server.addService('etcdserverpb.Watch', etcd.Watch.service, createWatchService(registry, logger, cfg.watch));
  server.addService('etcdserverpb.Lease', etcd.Lease.service, createLeaseService(registry, logger));
  server.addService(
    'etcdserverpb.Cluster',
    etcd.Cluster.service,
    createClusterService({
      reg: registry,
      foundingNames: new Map(cfg.initialCluster.map((m) => [m.id, m.name])),
      peerMember: (url) => {
        const u = parseHttpUrl(url);
        return { address: u.hostPort, id: memberId(u.url, cfg.token) };
      },
      logger,
    }),
  );
  server.addService('etcdserverpb.Maintenance', etcd.Maintenance.service, createMaintenanceService(registry, logger));
  server.addService(
    'shoal.control.RaftControl',
    controlProto().RaftControl.service,
    createControlService({
      node,
      digest: stateMachine.digest,
      name: cfg.name,
      clusterId: cfg.clusterId,
      initialCluster: cfg.initialCluster,
      tickMs: cfg.tickMs,
      electionTick: cfg.electionTick,
      logger,
    }),
  );
  const api = new ResourceApi({ kv: new LocalKvClient(registry), logger });
  const localClient = new LocalResourceClient(api);
  // One set of informers per master: the node hub streams pods to agents from them, and the
  // scheduler and controllers (when this master leads them) work from the same caches.
  const informers = cfg.control.api ? new SharedInformers(localClient, logger) : undefined;
  const hub = informers ? new NodeHub({ client: localClient, informers, master: `${cfg.name} ${cfg.advertiseClientUrls[0]}`, logger }) : undefined;
  if (cfg.control.api) {
    const podIo = new PodIoProxy(localClient, logger);
    server.addService('shoal.api.Resources', apiProto().Resources.service, createResourcesService(api, logger, { logs: (c) => podIo.logs(c), exec: (c) => podIo.exec(c) }));
    server.addService('shoal.node.NodeAgent', nodeProto().NodeAgent.service, hub!.handlers());
  }
  try {
    await server.start();
  } catch (err) {
    stopping = true;
    await node.stop();
    throw err;
  }
  registry.start();
  compactor.start();
  if (cfg.control.api) void ensureSystemNamespaces(api, logger, () => stopping);
  hub?.start();
  let control: ControlPlane | undefined;
  if (cfg.control.enabled) {
    const { controllers, resources } = allControllers();
    control = new ControlPlane({
      client: localClient,
      informers,
      kv: new LocalKvClient(registry),
      name: cfg.name,
      leaseDurationMs: cfg.control.leaseDurationMs,
      controllers,
      controllerResources: resources,
      config: cfg.control.controllers,
      logger,
    });
    control.start();
  }
  log.info({ event: 'master-started', clientPort: server.port, peerPort: transport.port }, 'master started');

  return {
    node,
    stateMachine,
    registry,
    api,
    clientPort: server.port,
    failed,
    async stop() {
      if (stopping) return;
      stopping = true;
      // Leases handed back first, while the registry can still take the writes.
      hub?.stop();
      await control?.stop().catch(() => undefined);
      informers?.stop();
      compactor.stop();
      registry.stop();
      await server.stop();
      await node.stop();
      await stateMachine.sync().catch(() => undefined);
      await stateMachine.close().catch(() => undefined);
      log.info({ event: 'master-stopped' }, 'master stopped');
    },
  };
}
