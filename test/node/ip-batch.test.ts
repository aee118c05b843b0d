// How `ip -force -batch` failures are told apart: the message lines come before the
// `Command failed -:N` line that names the batch line.
import { describe, expect, it } from 'vitest';
import { parseBatchFailures } from '../../src/node/network/command.ts';

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
