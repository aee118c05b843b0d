// `shoal agent --cluster-dns IP[:PORT]`: what is accepted and what is a usage error.
import { describe, expect, it } from 'vitest';
import { parseClusterDns } from '../../../src/cli/agent.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

describe('--cluster-dns', () => {
  it('takes an IP (port 53) or IP:PORT, IPv6 in brackets', () => {
    expect(parseClusterDns('10.244.1.1')).toEqual({ host: '10.244.1.1', port: 53 });
    expect(parseClusterDns('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseClusterDns('fd00::a')).toEqual({ host: 'fd00::a', port: 53 });
    expect(parseClusterDns('[fd00::a]:5353')).toEqual({ host: 'fd00::a', port: 5353 });
  });

  it('refuses names, bad ports and garbage as usage errors', () => {
    for (const bad of ['dns.local', '10.0.0.1:0', '10.0.0.1:70000', '10.0.0.1:', ':53', '10.0.0.300', 'fd00::a:53x']) {
      expect(() => parseClusterDns(bad), bad).toThrow(UsageError);
    }
  });
});
