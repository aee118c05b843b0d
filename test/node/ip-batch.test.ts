// How `ip -force -batch` failures are told apart: the message lines come before the
// `Command failed -:N` line that names the batch line.
import { describe, expect, it } from 'vitest';
import { namedNetns, parseBatchFailures } from '../../src/node/network/command.ts';

describe('parseBatchFailures', () => {
  it('pairs each failed line number with the messages printed before it', () => {
    const stderr = 'Cannot find device "vethzz"\nCommand failed -:2\nRTNETLINK answers: File exists\nCommand failed -:5\n';
    expect(parseBatchFailures(stderr)).toEqual([
      { line: 2, message: 'Cannot find device "vethzz"' },
      { line: 5, message: 'RTNETLINK answers: File exists' },
    ]);
  });

  it('finds nothing in output without failures', () => {
    expect(parseBatchFailures('')).toEqual([]);
    expect(parseBatchFailures('some warning\n')).toEqual([]);
  });
});

describe('namedNetns', () => {
  it('names namespaces under /run/netns and /var/run/netns, nothing else', () => {
    expect(namedNetns('/var/run/netns/shoal-a-warm-0a1b2c3d')).toBe('shoal-a-warm-0a1b2c3d');
    expect(namedNetns('/run/netns/x')).toBe('x');
    expect(namedNetns('/proc/123/ns/net')).toBeUndefined();
    expect(namedNetns('/var/run/netns/a/b')).toBeUndefined();
  });
});
