import { describe, expect, it } from 'vitest';
import { DigestStateMachine, DigestStateMachineError } from '../../src/raft/node/digest-state-machine.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('DigestStateMachine', () => {
  it('gives equal digests for equal sequences and different ones otherwise', () => {
    const a = new DigestStateMachine();
    const b = new DigestStateMachine();
    const c = new DigestStateMachine();
    a.apply(1, bytes('x'));
    a.apply(2, bytes('y'));
    b.apply(1, bytes('x'));
    b.apply(2, bytes('y'));
    c.apply(1, bytes('y'));
    c.apply(2, bytes('x'));
    expect(a.state()).toEqual(b.state());
    expect(a.state().count).toBe(2);
    expect(c.state().digest).not.toBe(a.state().digest);
    // Same payloads at other indexes are another history too.
    const d = new DigestStateMachine();
    d.apply(1, bytes('x'));
    d.apply(3, bytes('y'));
    expect(d.state().digest).not.toBe(a.state().digest);
  });

  it('restores from its snapshot and continues the same chain', () => {
    const a = new DigestStateMachine();
    a.apply(1, bytes('one'));
    const b = new DigestStateMachine();
    b.restore(a.snapshot());
    a.apply(2, bytes('two'));
    b.apply(2, bytes('two'));
    expect(b.state()).toEqual(a.state());
  });

  it('refuses an entry applied twice or out of order, and a malformed snapshot', () => {
    const a = new DigestStateMachine();
    a.apply(5, bytes('x'));
    expect(() => a.apply(5, bytes('x'))).toThrow(DigestStateMachineError);
    expect(() => a.apply(4, bytes('x'))).toThrow(/out of order or applied twice/);
    expect(() => a.restore(bytes('{"v":1,"count":"x"}'))).toThrow(DigestStateMachineError);
    expect(() => a.restore(bytes('not json'))).toThrow(/not JSON/);
  });
});
