// freePort never hands out the same port twice within a minute, though the OS often offers one
// again right after its probe closed (300 raw probes here: ~290 distinct). Two cluster members
// given one port fail to start (etcd: "has duplicate url", seen in CI).
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/cli/free-port.ts';

describe('freePort', () => {
  it('gives distinct ports across many calls', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of ports) expect(p).toBeGreaterThan(0);
  });
});
