// WatchLoop (get -w, rollout status): resumes from the last version seen, and after a Gone
// (compacted history) or a lost master it lists again, reports exactly what changed in the
// gap, and watches on from the new list's version. A fake client plays the server.
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient, type Obj } from '../../src/cli/api-client.ts';
import { WatchLoop } from '../../src/cli/kube/watch-loop.ts';

const obj = (name: string, rv: number, extra: Obj = {}) => ({ metadata: { name, namespace: 'default', resourceVersion: String(rv) }, ...extra });

type Script = (emit: (type: string, o: Obj) => void) => ApiCallError | undefined;

/** A client whose n-th watch runs script n (events, then how the stream ends) and whose list answers `lists` in turn. */
function fakeClient(scripts: Script[], lists: { items: Obj[]; resourceVersion: string }[]) {
  const watchedFrom: string[] = [];
  let listed = 0;
  const client = {
    watch(_r: string, _ns: string, opts: { resourceVersion?: string }, onEvent: (t: string, o: Obj) => void) {
      watchedFrom.push(opts.resourceVersion ?? '');
      const script = scripts.shift();
      let cancel!: () => void;
      const done = new Promise<ApiCallError | undefined>((resolve) => {
        cancel = () => resolve(undefined);
        setTimeout(() => {
          if (!script) return; // no more scripts: stays open until cancelled
          resolve(script(onEvent));
        }, 1);
      });
      return { cancel, done };
    },
    async listAll() {
      const l = lists[listed++];
      if (!l) throw new Error('unexpected list');
      return { ...l, continueToken: '', remainingItemCount: 0 };
    },
  };
  return { client: client as unknown as ApiClient, watchedFrom, listCount: () => listed };
}

describe('WatchLoop', () => {
  it('after Gone relists, reports the gap as ADDED / MODIFIED / DELETED, and resumes from the list', async () => {
    const gone = new ApiCallError('Gone', status.OUT_OF_RANGE, 'too old resource version: 5 (12)', 'fake');
    const fake = fakeClient(
      [
        (emit) => {
          emit('MODIFIED', obj('a', 6));
          emit('BOOKMARK', { metadata: { resourceVersion: '8' } });
          return gone;
        },
        (emit) => {
          emit('ADDED', obj('d', 21));
          return undefined; // then it is cancelled below
        },
      ],
      // At version 20: a as the watch last saw it, b unchanged, c new, x gone.
      [{ items: [obj('a', 6), obj('b', 4), obj('c', 15)], resourceVersion: '20' }],
    );
    const seen: string[] = [];
    const loop = new WatchLoop(fake.client, { resource: 'pods', namespace: 'default' }, (type, o) => {
      seen.push(`${type} ${o.metadata.name}@${o.metadata.resourceVersion}`);
      if (o.metadata.name === 'd') loop.stop();
    });
    // The caller listed a (v3), b (v4) and x (v2) at version 5.
    loop.startFrom([obj('a', 3), obj('b', 4), obj('x', 2)], '5');
    await loop.run();
    expect(fake.watchedFrom).toEqual(['5', '20']);
    expect(seen).toEqual(['MODIFIED a@6', 'ADDED c@15', 'DELETED x@2', 'ADDED d@21']);
    expect([...loop.seen.keys()].sort()).toEqual(['default/a', 'default/b', 'default/c', 'default/d']);
  });

  it('resumes after a lost master from the last version it saw; gives up on a request error', async () => {
    const lost = new ApiCallError('Unavailable', status.UNAVAILABLE, 'fake: connection dropped', 'fake');
    const fake = fakeClient(
      [
        (emit) => {
          emit('MODIFIED', obj('a', 7));
          return lost;
        },
        () => new ApiCallError('BadRequest', status.INVALID_ARGUMENT, 'field selector "x": not supported', 'fake'),
      ],
      [{ items: [obj('a', 7)], resourceVersion: '9' }],
    );
    const seen: string[] = [];
    const loop = new WatchLoop(fake.client, { resource: 'pods', namespace: 'default' }, (type, o) => seen.push(`${type} ${o.metadata.name}@${o.metadata.resourceVersion}`));
    loop.startFrom([obj('a', 3)], '5');
    await expect(loop.run()).rejects.toThrow('not supported');
    // Nothing changed in the gap, so the relist reported nothing more.
    expect(seen).toEqual(['MODIFIED a@7']);
    expect(fake.watchedFrom).toEqual(['5', '9']);
  });
});
