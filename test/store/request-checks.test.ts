// The checks made at the client port before anything is proposed, as etcd makes them
// (server/etcdserver/api/v3rpc/key.go: checkTxnRequest, checkRequestOp, checkIntervals).
import { describe, expect, it } from 'vitest';
import type { Compare } from '../../src/gen/etcdserverpb/Compare.ts';
import type { RequestOp } from '../../src/gen/etcdserverpb/RequestOp.ts';
import type { TxnRequest } from '../../src/gen/etcdserverpb/TxnRequest.ts';
import { EtcdError, type EtcdErrorName } from '../../src/store/etcd/etcd-errors.ts';
import { checkDelete, checkPut, checkRange, checkTxn, txnWrites } from '../../src/store/etcd/request-checks.ts';
import { decodeCommand, encodeCommand } from '../../src/store/registry/command-codec.ts';

const b = (s: string) => Buffer.from(s, 'latin1');
const ALL = new Uint8Array([0]);

/** The request as the server sees it: encoded and decoded, every field present. */
const txn = (t: TxnRequest) => decodeCommand(encodeCommand({ txn: t })).txn!;
const put = (key: string, extra: Record<string, unknown> = {}): RequestOp => ({ requestPut: { key: b(key), value: b('v'), ...extra } });
const del = (key: string, end?: string | Uint8Array): RequestOp => ({ requestDeleteRange: { key: b(key), ...(end !== undefined ? { rangeEnd: typeof end === 'string' ? b(end) : end } : {}) } });
const get = (key: string, extra: Record<string, unknown> = {}): RequestOp => ({ requestRange: { key: b(key), ...extra } });
const nested = (success: RequestOp[], failure: RequestOp[] = [], compare: TxnRequest['compare'] = []): RequestOp => ({ requestTxn: { compare, success, failure } });
const cmpOn = (key: string): Compare => ({ key: b(key), target: 0, result: 0, version: 0 });

/** The etcd error name a check throws, or 'ok'. */
function outcome(fn: () => void): EtcdErrorName | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof EtcdError) return err.etcdName;
    throw err;
  }
}
const checked = (t: TxnRequest, maxOps = 128) => outcome(() => checkTxn(txn(t), maxOps));

describe('single requests', () => {
  it('empty keys, ignore_value with a value, ignore_lease with a lease, bad sort options', () => {
    const p = (x: Record<string, unknown>) => decodeCommand(encodeCommand({ put: { key: b('k'), ...x } })).put!;
    expect(outcome(() => checkPut(p({ value: b('v') })))).toBe('ok');
    expect(outcome(() => checkPut(p({ key: b('') })))).toBe('empty-key');
    expect(outcome(() => checkPut(p({ ignoreValue: true })))).toBe('ok');
    expect(outcome(() => checkPut(p({ ignoreValue: true, value: b('v') })))).toBe('value-provided');
    expect(outcome(() => checkPut(p({ ignoreLease: true })))).toBe('ok');
    expect(outcome(() => checkPut(p({ ignoreLease: true, lease: 5 })))).toBe('lease-provided');
    const d = (k: string) => decodeCommand(encodeCommand({ deleteRange: { key: b(k) } })).deleteRange!;
    expect(outcome(() => checkDelete(d('k')))).toBe('ok');
    expect(outcome(() => checkDelete(d('')))).toBe('empty-key');
    const r = (x: Record<string, unknown>) => txn({ success: [{ requestRange: { key: b('k'), ...x } }] }).success[0].requestRange!;
    expect(outcome(() => checkRange(r({})))).toBe('ok');
    expect(outcome(() => checkRange(r({ key: b('') })))).toBe('empty-key');
    expect(outcome(() => checkRange(r({ sortOrder: 2, sortTarget: 4 })))).toBe('ok');
    expect(outcome(() => checkRange({ ...r({}), sortTarget: 5 as never }))).toBe('invalid-sort');
    expect(outcome(() => checkRange({ ...r({}), sortOrder: 3 as never }))).toBe('invalid-sort');
  });

  it('the thrown error carries etcd\'s gRPC code and message', () => {
    let err: unknown;
    try {
      checkTxn(txn({ success: [put('a'), put('a')] }), 128);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EtcdError);
    expect((err as EtcdError).message).toBe('etcdserver: duplicate key given in txn request');
    expect((err as EtcdError).code).toBe(3); // INVALID_ARGUMENT
  });
});

describe('checkTxn: sizes and empty keys', () => {
  const ops = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => put(`${prefix}${i}`));

  it('too many compares, success ops or failure ops; exactly the limit is fine', () => {
    expect(checked({ compare: [cmpOn('a'), cmpOn('b'), cmpOn('c')], success: ops(3), failure: ops(3) }, 3)).toBe('ok');
    expect(checked({ compare: [cmpOn('a'), cmpOn('b'), cmpOn('c'), cmpOn('d')] }, 3)).toBe('too-many-ops');
    expect(checked({ success: ops(4) }, 3)).toBe('too-many-ops');
    expect(checked({ failure: ops(4) }, 3)).toBe('too-many-ops');
    expect(checked({ success: ops(3), failure: ops(3, 'f') }, 3)).toBe('ok'); // limits are per list, not summed
  });

  it('a nested transaction gets what its parent left (etcd: maxTxnOps minus the parent\'s largest list)', () => {
    // parent: 2 compares, 1 success op -> the nested one may hold 5 - 2 = 3 per list
    const parent = (inner: number): TxnRequest => ({ compare: [cmpOn('a'), cmpOn('b')], success: [nested(ops(inner, 'n'))] });
    expect(checked(parent(3), 5)).toBe('ok');
    expect(checked(parent(4), 5)).toBe('too-many-ops');
    // the budget shrinks with every level
    const deep: TxnRequest = { success: [put('x'), nested([put('y'), nested([put('z'), put('w')])])] };
    expect(checked(deep, 6)).toBe('ok'); // 6 -> 4 -> 2: two ops at the bottom fit
    expect(checked(deep, 5)).toBe('too-many-ops'); // 5 -> 3 -> 1
    // the failure list's nested transactions too
    expect(checked({ success: [put('a'), put('b')], failure: [nested(ops(2, 'n'))] }, 3)).toBe('too-many-ops');
  });

  it('empty keys in compares and in ops, at any depth', () => {
    expect(checked({ compare: [cmpOn('')] })).toBe('empty-key');
    expect(checked({ success: [put('')] })).toBe('empty-key');
    expect(checked({ failure: [del('')] })).toBe('empty-key');
    expect(checked({ success: [get('')] })).toBe('empty-key');
    expect(checked({ success: [nested([], [put('')])] })).toBe('empty-key');
    expect(checked({ success: [nested([], [], [cmpOn('')])] })).toBe('empty-key');
    expect(checked({ success: [put('k', { ignoreValue: true, value: b('x') })] })).toBe('value-provided');
    expect(checked({ failure: [nested([put('k', { ignoreLease: true, lease: 3 })])] })).toBe('lease-provided');
    expect(checked({ success: [get('k', { sortTarget: 9 })] })).toBe('invalid-sort');
  });

  it('an op that carries no request is refused as etcd refuses it (key-not-found)', () => {
    expect(checked({ success: [put('a'), {}] })).toBe('key-not-found');
    expect(checked({ failure: [{}] })).toBe('key-not-found');
    expect(checked({ success: [nested([{}])] })).toBe('key-not-found');
  });
});

describe('checkTxn: duplicate keys', () => {
  it('one list may not put a key twice, nor put inside a range it deletes (whichever comes first)', () => {
    expect(checked({ success: [put('a'), put('a')] })).toBe('duplicate-key');
    expect(checked({ success: [put('a'), put('b')] })).toBe('ok');
    expect(checked({ success: [del('a'), put('a')] })).toBe('duplicate-key');
    expect(checked({ success: [put('a'), del('a')] })).toBe('duplicate-key');
    expect(checked({ success: [del('a', 'c'), put('b')] })).toBe('duplicate-key');
    expect(checked({ success: [del('a', 'c'), put('c')] })).toBe('ok'); // the end is exclusive
    expect(checked({ success: [del('b', 'c'), put('a')] })).toBe('ok');
    expect(checked({ success: [del('a'), put('ab')] })).toBe('ok'); // a point delete is the key alone
  });

  it('deletes may overlap; reads never conflict; success and failure are checked apart', () => {
    expect(checked({ success: [del('a', 'c'), del('b', 'd'), del('b')] })).toBe('ok');
    expect(checked({ success: [get('a'), put('a'), get('a', { rangeEnd: b('z') })] })).toBe('ok');
    expect(checked({ success: [put('a')], failure: [put('a')] })).toBe('ok');
    expect(checked({ success: [put('a')], failure: [put('b'), put('b')] })).toBe('duplicate-key');
  });

  it('nested transactions: their two branches may write the same key, once; not twice with their parent or siblings', () => {
    // then and else of one nested txn: only one runs
    expect(checked({ success: [nested([put('k')], [put('k')])] })).toBe('ok');
    // a nested put and the parent's own put of the key
    expect(checked({ success: [put('k'), nested([put('k')])] })).toBe('duplicate-key');
    expect(checked({ success: [nested([], [put('k')]), put('k')] })).toBe('duplicate-key');
    // a nested put inside the parent's deleted range
    expect(checked({ success: [del('a', 'z'), nested([put('k')])] })).toBe('duplicate-key');
    expect(checked({ success: [del('a', 'z'), nested([], [put('k')])] })).toBe('duplicate-key');
    // a parent put inside a nested delete
    expect(checked({ success: [nested([del('a', 'z')]), put('k')] })).toBe('duplicate-key');
    // two sibling nested transactions writing one key
    expect(checked({ success: [nested([put('k')]), nested([put('k')])] })).toBe('duplicate-key');
    expect(checked({ success: [nested([put('k')]), nested([], [put('k')])] })).toBe('duplicate-key');
    // a key put by an earlier sibling's then, and by a later sibling's then and else
    expect(checked({ success: [nested([put('k')]), nested([put('k')], [put('k')])] })).toBe('duplicate-key');
    // an earlier sibling's delete covers a later sibling's put
    expect(checked({ success: [nested([del('a', 'z')]), nested([put('k')])] })).toBe('duplicate-key');
    // within the nested transaction itself
    expect(checked({ success: [nested([put('k'), put('k')])] })).toBe('duplicate-key');
    // deeper: the grandchild's put meets the parent's delete
    expect(checked({ success: [del('k'), nested([nested([put('k')])])] })).toBe('duplicate-key');
    // unrelated keys are fine at any depth
    expect(checked({ success: [put('a'), nested([put('b')], [put('c')]), nested([nested([put('d')])])] })).toBe('ok');
  });
});

describe('txnWrites', () => {
  it('is true if any branch at any depth writes', () => {
    expect(txnWrites(txn({ success: [get('a')], failure: [get('b')] }))).toBe(false);
    expect(txnWrites(txn({ compare: [cmpOn('a')] }))).toBe(false);
    expect(txnWrites(txn({ success: [get('a')], failure: [put('b')] }))).toBe(true);
    expect(txnWrites(txn({ success: [del('a')] }))).toBe(true);
    expect(txnWrites(txn({ success: [nested([get('a')], [get('b')])] }))).toBe(false);
    expect(txnWrites(txn({ success: [nested([get('a')], [nested([del('x')])])] }))).toBe(true);
  });
});

describe('a delete to the end of the key space', () => {
  it('with range_end "\\0" covers every key from its key on (shoal refuses a put inside it)', () => {
    // etcd 3.4 accepts this txn (its interval check reads "\0" literally); shoal refuses it: its
    // store keeps one version per key per revision, so a delete and a put of one key at one
    // revision could not both be kept in the history watchers catch up from.
    expect(checked({ success: [del('a', ALL), put('b')] })).toBe('duplicate-key');
    expect(checked({ success: [del('c', ALL), put('b')] })).toBe('ok');
  });
});
