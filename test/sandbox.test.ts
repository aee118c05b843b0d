// The network sandbox (scripts/sandbox.sh) really has no way out. These checks send nothing:
// `ip route show` and `ip route get` only ask the kernel's routing table.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const sandbox = process.env.SHOAL_SANDBOX;

describe('network sandbox', () => {
  it.skipIf(!sandbox)(
    `has no default route and no route to the outside (SHOAL_SANDBOX=${sandbox ?? 'unset: not inside scripts/sandbox.sh, skipped'})`,
    () => {
      const defaults = execFileSync('ip', ['route', 'show', 'default'], { encoding: 'utf8' });
      expect(defaults.trim()).toBe('');
      // Other test files may have a pod bridge up meanwhile (a directly connected subnet);
      // nothing may ever route through a gateway.
      const all = execFileSync('ip', ['route', 'show'], { encoding: 'utf8' });
      const viaGateway = all.split('\n').filter((l) => / via /.test(l));
      expect(viaGateway).toEqual([]);

      for (const addr of ['10.0.0.1', '1.1.1.1']) {
        const r = spawnSync('ip', ['route', 'get', addr], { encoding: 'utf8' });
        expect(r.status, `ip route get ${addr} should fail`).not.toBe(0);
        expect(r.stderr).toMatch(/Network is unreachable/);
      }
    },
  );

  it.skipIf(!sandbox)('loopback is up', () => {
    const r = execFileSync('ip', ['route', 'get', '127.0.0.1'], { encoding: 'utf8' });
    expect(r).toMatch(/dev lo/);
  });
});
