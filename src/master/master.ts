// One master process's parts, wired: LevelDB storage, gRPC peer transport, the Raft node with
// its state machine, and the client gRPC server in front. Start order is storage, transport
// (through the node), client server; stop order is the reverse, so no client call lands on a
// node whose storage is already closed.
import path from 'node:path';
import type { Logger } from 'pino';
import { DigestStateMachine } from '../raft/node/digest-state-machine.ts';
import { RaftNode } from '../raft/node/raft-node.ts';
import { LevelDbStorage } from '../raft/storage/leveldb-storage.ts';
import { GrpcTransport } from '../raft/transport/grpc-transport.ts';
import type { MasterConfig } from './config.ts';
import { createControlService } from './control-service.ts';
import { controlProto } from './control-proto.ts';
import { ClientServer } from './grpc-server.ts';
import { claimDataDir } from './identity.ts';
import { formatId } from './member-id.ts';

export class MasterFailedError extends Error {
  override readonly name = 'MasterFailedError';
}

export interface RunningMaster {
  node: RaftNode;
  stateMachine: DigestStateMachine;
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
  const stateMachine = new DigestStateMachine();
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
    throw err;
  }

  node.onFatal((err) => onFailure('persisting or applying the log', err));

  const server = new ClientServer({ listen: cfg.listenClient, logger });
  server.addService(
    'shoal.control.RaftControl',
    controlProto().RaftControl.service,
    createControlService({
      node,
      stateMachine,
      name: cfg.name,
      clusterId: cfg.clusterId,
      initialCluster: cfg.initialCluster,
      tickMs: cfg.tickMs,
      electionTick: cfg.electionTick,
      logger,
    }),
  );
  try {
    await server.start();
  } catch (err) {
    stopping = true;
    await node.stop();
    throw err;
  }
  log.info({ event: 'master-started', clientPort: server.port, peerPort: transport.port }, 'master started');

  return {
    node,
    stateMachine,
    clientPort: server.port,
    failed,
    async stop() {
      if (stopping) return;
      stopping = true;
      await server.stop();
      await node.stop();
      log.info({ event: 'master-stopped' }, 'master stopped');
    },
  };
}
