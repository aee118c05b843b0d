// The nftables backend's incremental updates against its full sync, in the real kernel: any
// sequence of rule sets applied change by change must leave exactly the table that one syncAll
// of the last set writes (same elements, same affinity chains, every referenced pick chain the
// same). Random sequences (fast-check, seeded: a failure prints the seed to replay) mix
// affinity and plain services, node ports with both traffic policies, endpoint counts from 0 to
// 10, shared endpoint addresses (hairpin elements are counted per address). Sandbox only.
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NftablesBackend } from '../../src/node/proxy/nftables-backend.ts';
import type { ProxyConfig } from '../../src/node/proxy/proxy-backend.ts';
import { diffRules, shortId, type ServicePortRule } from '../../src/node/proxy/service-rules.ts';
import { inSandbox, NetnsHarness, sh } from './netns-harness.ts';

const log = pino({ level: 'silent' });

const SERVICES = 5;
const ADDRESSES = 12;

const ruleArb = (i: number): fc.Arbitrary<ServicePortRule | undefined> =>
  fc.option(
    fc.record({
      affinity: fc.option(fc.constantFrom(30, 60), { nil: undefined }),
      nodePort: fc.boolean(),
      local: fc.boolean(),
      udp: fc.boolean(),
      endpoints: fc.uniqueArray(fc.record({ a: fc.nat(ADDRESSES - 1), local: fc.boolean() }), { maxLength: 10, selector: (e) => e.a }),
    }),
    { nil: undefined, freq: 4 },
  ).map((x) => {
    if (!x) return undefined;
    const key = `default/s${i}:http/${x.udp ? 'UDP' : 'TCP'}`;
    const endpoints = x.endpoints
      .sort((p, q) => p.a - q.a)
      .map((e) => ({ ip: `10.244.0.${e.a + 2}`, port: 8080, local: e.local, id: shortId(`${key}|${e.a}`) }));
    return {
      id: shortId(key),
      key,
      clusterIP: `10.96.0.${i + 10}`,
      port: 80,
      protocol: x.udp ? 'UDP' : 'TCP',
      nodePort: x.nodePort ? 30000 + i : undefined,
      externalLocal: x.nodePort && x.local,
      affinitySeconds: x.affinity,
      endpoints,
    } satisfies ServicePortRule;
  });

const stateArb: fc.Arbitrary<Map<string, ServicePortRule>> = fc
  .tuple(...Array.from({ length: SERVICES }, (_, i) => ruleArb(i)))
  .map((rules) => new Map(rules.filter((r): r is ServicePortRule => r !== undefined).map((r) => [r.id, r])));

type NftJson = { nftables: Record<string, any>[] };

/** The table as comparable data: elements sorted, chains by name; pick chains only if referenced. */
function tableOf(netns: string): Record<string, unknown> {
  const json = JSON.parse(sh(['nft', '-j', 'list', 'table', 'ip', 'shoal'], { netns })) as NftJson;
  const sets: Record<string, string[]> = {};
  const chains: Record<string, string[]> = {};
  const referenced = new Set<string>();
  for (const o of json.nftables) {
    const s = o.set ?? o.map;
    if (s) {
      const elems = ((s.elem ?? []) as unknown[]).map((e) => JSON.stringify(e));
      for (const e of elems) for (const m of e.matchAll(/"target":"([^"]+)"/g)) referenced.add(m[1]);
      // an affinity set's dynamic contents (clients) are not part of the program
      sets[s.name] = s.name.startsWith('aff-') ? [JSON.stringify(s.timeout)] : elems.sort();
    }
    if (o.rule) (chains[o.rule.chain] ??= []).push(JSON.stringify(o.rule.expr));
    if (o.chain) chains[o.chain.name] ??= [];
  }
  // Shared pick/slot chains and slot maps stay once made (until the next full sync): compare
  // only those in use, i.e. reached from an element.
  const fixture = /^(np-(local-)?)?(pick|slot)-\d+$/;
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of referenced) {
      for (const rule of chains[name] ?? []) {
        for (const m of rule.matchAll(/"target":"([^"]+)"/g)) if (!referenced.has(m[1])) (referenced.add(m[1]), (grew = true));
      }
    }
  }
  for (const name of Object.keys(chains)) if (fixture.test(name) && !referenced.has(name)) delete chains[name];
  for (const name of Object.keys(sets)) if (/^(np-)?backends-\d+$/.test(name) && sets[name].length === 0) delete sets[name];
  return { sets, chains };
}

describe.skipIf(!inSandbox())('nftables backend: incremental updates equal a full sync (real kernel)', () => {
  let h: NetnsHarness;
  let incremental: string;
  let full: string;
  const config = (netns: string): ProxyConfig => ({ serviceCidr: '10.96.0.0/16', clusterCidr: '10.244.0.0/16', netns });

  beforeAll(() => {
    h = new NetnsHarness();
    incremental = h.netns('inc');
    full = h.netns('full');
  });
  afterAll(() => h?.cleanup());

  it('any sequence of rule sets, applied change by change, leaves what one syncAll of the last writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stateArb, { minLength: 1, maxLength: 8 }), async (states) => {
        const inc = new NftablesBackend(config(incremental), log);
        let current = new Map<string, ServicePortRule>();
        await inc.syncAll(current);
        for (const next of states) {
          await inc.apply(diffRules(current, next));
          current = next;
        }
        const ref = new NftablesBackend(config(full), log);
        await ref.syncAll(current);
        expect(tableOf(incremental)).toEqual(tableOf(full));
      }),
      { numRuns: Number(process.env.NFT_APPLY_RUNS ?? 25), seed: process.env.NFT_APPLY_SEED ? Number(process.env.NFT_APPLY_SEED) : undefined },
    );
  }, 300_000);
});
