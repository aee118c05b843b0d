// RaftNode stops itself when persisting or applying a Ready fails, but tells nobody: it has
// no failure callback, and after such a failure its stop() never reaches storage.close()
// (its busy flag stays set). So the master watches the two things a Ready touches, the
// storage and the state machine, and hears of a failure where it happens.
import type { StateMachine } from '../raft/node/raft-node.ts';
import type { RaftStorage } from '../raft/storage/storage.ts';

export type FailureListener = (what: string, err: unknown) => void;

export function watchStorage(storage: RaftStorage, onFailure: FailureListener): RaftStorage {
  const watch = <T>(what: string, p: Promise<T>): Promise<T> =>
    p.catch((err: unknown) => {
      onFailure(what, err);
      throw err;
    });
  return {
    load: () => storage.load(),
    save: (b) => watch('raft storage save', storage.save(b)),
    compact: (s) => watch('raft storage compact', storage.compact(s)),
    close: () => storage.close(),
  };
}

export function watchStateMachine(sm: StateMachine, onFailure: FailureListener): StateMachine {
  const watch = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      onFailure(what, err);
      throw err;
    }
  };
  return {
    apply: (index, data) => watch(`state machine apply at ${index}`, () => sm.apply(index, data)),
    snapshot: () => watch('state machine snapshot', () => sm.snapshot()),
    restore: (data) => watch('state machine restore', () => sm.restore(data)),
  };
}
