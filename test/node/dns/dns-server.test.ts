// Cluster DNS over real sockets on loopback: queries encoded with dns-packet over UDP and TCP,
// the zone fed through the same subscription the agent's informers use (a source whose events
// are delivered by the test, so that "updated at once" is checked without any waiting).
import dnsPacket from 'dns-packet';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Obj } from '../../../src/control/client/resource-client.ts';
import type { InformerHandlers } from '../../../src/control/informer/informer.ts';
import { ClusterDns } from '../../../src/node/dns/cluster-dns.ts';
import type { ObjectSource } from '../../../src/node/dns/informer-feed.ts';
import { data, query, tcp, tcpRaw, udp, udpRaw } from './dns-client.ts';

const logger = pino({ level: process.env.SHOAL_TEST_LOG ?? 'silent' });

/** Watch events delivered by the test, in the Informer's contract (late handlers hear adds). */
class Events implements ObjectSource {
  private readonly handlers: InformerHandlers[] = [];
  private readonly objs = new Map<string, Obj>();
  private synced = false;
  private waiters: (() => void)[] = [];
  on(h: InformerHandlers): () => void {
    this.handlers.push(h);
    if (this.synced) for (const o of this.objs.values()) h.add?.(o);
    return () => this.handlers.splice(this.handlers.indexOf(h), 1);
  }
  waitForSync(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
  sync(): void {
    this.synced = true;
    for (const w of this.waiters.splice(0)) w();
  }
  set(o: Obj): void {
    const key = `${o.metadata.namespace}/${o.metadata.name}`;
    const old = this.objs.get(key);
    this.objs.set(key, o);
    for (const h of this.handlers) old ? h.update?.(old, o) : h.add?.(o);
  }
  del(ns: string, name: string): void {
    const old = this.objs.get(`${ns}/${name}`);
    if (!old) return;
    this.objs.delete(`${ns}/${name}`);
    for (const h of this.handlers) h.delete?.(old);
  }
}

const svc = (name: string, spec: Obj, ns = 'default'): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec });
const eps = (name: string, subsets: Obj[], ns = 'default'): Obj => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns }, subsets });
const ip = (i: number) => `10.244.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`;

describe('cluster DNS server (UDP and TCP on loopback)', () => {
  const services = new Events();
  const endpoints = new Events();
  let dns: ClusterDns;
  let port: number;

  beforeAll(async () => {
    dns = new ClusterDns({ host: '127.0.0.1', port: 0, services, endpoints, logger });
    await dns.start();
    port = dns.server.port;
    expect(port).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await dns?.stop();
  });

  it('answers SERVFAIL for cluster names until the informers have listed, REFUSED outside the domain always', async () => {
    const r = await udp(port, query('my-svc.default.svc.cluster.local'));
    expect(r.rcode).toBe('SERVFAIL');
    expect((await udp(port, query('example.com'))).rcode).toBe('REFUSED');
    services.set(svc('my-svc', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }, { port: 9000 }] }));
    endpoints.set(eps('my-svc', [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }]));
    services.sync();
    endpoints.sync();
    await new Promise((r) => setImmediate(r));
  });

  it('A of a ClusterIP service over UDP and TCP, any case, authoritative', async () => {
    for (const send of [udp, tcp]) {
      const r = await send(port, query('My-Svc.DEFAULT.svc.cluster.local'));
      expect(r.rcode).toBe('NOERROR');
      expect(r.flag_aa).toBe(true);
      expect(r.flag_qr).toBe(true);
      expect(r.flag_ra).toBe(false);
      expect(r.answers).toEqual([{ name: 'My-Svc.DEFAULT.svc.cluster.local', type: 'A', ttl: 5, class: 'IN', flush: false, data: '10.96.0.10' }]);
    }
    // The trailing dot of a fully qualified name changes nothing.
    expect(data(await udp(port, query('my-svc.default.svc.cluster.local.')))).toEqual(['10.96.0.10']);
  });

  it('SRV for a named port of a ClusterIP service targets the service, with its A as glue', async () => {
    const r = await udp(port, query('_http._tcp.my-svc.default.svc.cluster.local', 'SRV'));
    expect(r.rcode).toBe('NOERROR');
    expect(data(r, 'SRV')).toEqual([{ priority: 0, weight: 100, port: 80, target: 'my-svc.default.svc.cluster.local' }]);
    expect(r.additionals?.find((a) => a.type === 'A')).toMatchObject({ name: 'my-svc.default.svc.cluster.local', data: '10.96.0.10' });
    // A port of another protocol, or no such port name: the name does not exist.
    expect((await udp(port, query('_http._udp.my-svc.default.svc.cluster.local', 'SRV'))).rcode).toBe('NXDOMAIN');
    expect((await udp(port, query('_nope._tcp.my-svc.default.svc.cluster.local', 'SRV'))).rcode).toBe('NXDOMAIN');
    // SRV of the bare service name: every named port.
    expect(data(await udp(port, query('my-svc.default.svc.cluster.local', 'SRV')), 'SRV')).toHaveLength(1);
  });

  it('headless: the ready endpoint IPs, SRV per endpoint with its own name, A per endpoint name', async () => {
    services.set(svc('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }));
    endpoints.set(
      eps('db', [
        {
          addresses: [{ ip: '10.244.1.7', hostname: 'db-0' }, { ip: '10.244.2.9' }],
          notReadyAddresses: [{ ip: '10.244.3.3' }],
          ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
        },
      ]),
    );
    const a = await udp(port, query('db.default.svc.cluster.local'));
    expect(data(a)).toEqual(['10.244.1.7', '10.244.2.9']);
    const srv = await tcp(port, query('_pg._tcp.db.default.svc.cluster.local', 'SRV'));
    expect(data(srv, 'SRV')).toEqual([
      { priority: 0, weight: 50, port: 5432, target: '10-244-2-9.db.default.svc.cluster.local' },
      { priority: 0, weight: 50, port: 5432, target: 'db-0.db.default.svc.cluster.local' },
    ]);
    expect((srv.additionals ?? []).filter((x) => x.type === 'A').map((x) => `${x.name}=${(x as { data: string }).data}`).sort()).toEqual([
      '10-244-2-9.db.default.svc.cluster.local=10.244.2.9',
      'db-0.db.default.svc.cluster.local=10.244.1.7',
    ]);
    expect(data(await udp(port, query('db-0.db.default.svc.cluster.local')))).toEqual(['10.244.1.7']);
    expect(data(await udp(port, query('10-244-2-9.db.default.svc.cluster.local')))).toEqual(['10.244.2.9']);
    // Not ready: not published.
    expect((await udp(port, query('10-244-3-3.db.default.svc.cluster.local'))).rcode).toBe('NXDOMAIN');
    // publishNotReadyAddresses publishes them.
    services.set(svc('db', { clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }));
    expect(data(await udp(port, query('db.default.svc.cluster.local')))).toEqual(['10.244.1.7', '10.244.2.9', '10.244.3.3']);
  });

  it('ExternalName is a CNAME; an in-zone target is followed', async () => {
    services.set(svc('ext', { type: 'ExternalName', externalName: 'db.example.org' }));
    const r = await udp(port, query('ext.default.svc.cluster.local'));
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([expect.objectContaining({ type: 'CNAME', data: 'db.example.org' })]);
    services.set(svc('alias', { type: 'ExternalName', externalName: 'my-svc.default.svc.cluster.local.' }));
    const chained = await udp(port, query('alias.default.svc.cluster.local'));
    expect(chained.answers?.map((a) => a.type)).toEqual(['CNAME', 'A']);
    expect(data(chained)).toEqual(['10.96.0.10']);
  });

  it('PTR for cluster IPs and headless endpoint IPs; other reverse names are refused', async () => {
    const svcPtr = await udp(port, query('10.0.96.10.in-addr.arpa', 'PTR'));
    expect(svcPtr.rcode).toBe('NOERROR');
    expect(data(svcPtr, 'PTR')).toEqual(['my-svc.default.svc.cluster.local']);
    expect(data(await udp(port, query('7.1.244.10.IN-ADDR.ARPA.', 'PTR')), 'PTR')).toEqual(['db-0.db.default.svc.cluster.local']);
    expect((await udp(port, query('1.2.3.4.in-addr.arpa', 'PTR'))).rcode).toBe('REFUSED');
    expect((await udp(port, query('x.0.96.10.in-addr.arpa', 'PTR'))).rcode).toBe('REFUSED');
    services.set(svc('moved', { clusterIP: '10.96.0.70' }));
    expect(data(await udp(port, query('70.0.96.10.in-addr.arpa', 'PTR')), 'PTR')).toEqual(['moved.default.svc.cluster.local']);
    services.del('default', 'moved');
    expect((await udp(port, query('70.0.96.10.in-addr.arpa', 'PTR'))).rcode).toBe('REFUSED');
  });

  it('NXDOMAIN with the SOA for absent names, no data for a present name of another type', async () => {
    const nx = await udp(port, query('nope.default.svc.cluster.local'));
    expect(nx.rcode).toBe('NXDOMAIN');
    expect(nx.flag_aa).toBe(true);
    expect(nx.answers).toEqual([]);
    expect(nx.authorities).toEqual([expect.objectContaining({ type: 'SOA', name: 'cluster.local', data: expect.objectContaining({ mname: 'ns.dns.cluster.local', minimum: 5 }) })]);
    for (const name of ['my-svc.nons.svc.cluster.local', 'x.my-svc.default.svc.cluster.local', 'cluster.local.cluster.local', 'pod.cluster.local', 'a.b.c.d.e.f.svc.cluster.local']) {
      expect((await udp(port, query(name))).rcode, name).toBe('NXDOMAIN');
    }
    const nodata = await udp(port, query('my-svc.default.svc.cluster.local', 'AAAA'));
    expect(nodata.rcode).toBe('NOERROR');
    expect(nodata.answers).toEqual([]);
    expect(nodata.authorities?.[0]?.type).toBe('SOA');
    // Names between the apex and the services exist.
    for (const name of ['cluster.local', 'svc.cluster.local', 'default.svc.cluster.local', '_tcp.my-svc.default.svc.cluster.local']) {
      expect((await udp(port, query(name))).rcode, name).toBe('NOERROR');
    }
    const soa = await udp(port, query('cluster.local', 'SOA'));
    expect(soa.answers?.[0]?.type).toBe('SOA');
  });

  it('refuses names outside the cluster domain and classes other than IN (never forwards)', async () => {
    for (const name of ['example.com', 'localhost', 'cluster.local.evil.com', 'xcluster.local', '5.1.244.10.in-addr.arpa']) {
      const r = await udp(port, query(name));
      expect(r.rcode, name).toBe('REFUSED');
      expect(r.answers).toEqual([]);
      expect(r.flag_aa).toBe(false);
    }
    const ch = await udp(port, dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: 'version.bind', type: 'TXT', class: 'CH' }] }));
    expect(ch.rcode).toBe('REFUSED');
  });

  it('a watch event changes the answers at once (no polling)', async () => {
    services.set(svc('moving', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }));
    expect(data(await udp(port, query('moving.default.svc.cluster.local')))).toEqual(['10.96.0.50']);
    services.set(svc('moving', { clusterIP: '10.96.0.51', ports: [{ port: 80 }] }));
    expect(data(await udp(port, query('moving.default.svc.cluster.local')))).toEqual(['10.96.0.51']);
    services.del('default', 'moving');
    expect((await udp(port, query('moving.default.svc.cluster.local'))).rcode).toBe('NXDOMAIN');
    // Endpoints of a headless service going away.
    endpoints.set(eps('db', [{ addresses: [{ ip: '10.244.1.7', hostname: 'db-0' }], ports: [{ name: 'pg', port: 5432 }] }]));
    expect(data(await udp(port, query('db.default.svc.cluster.local')))).toEqual(['10.244.1.7']);
    endpoints.del('default', 'db');
    const empty = await udp(port, query('db.default.svc.cluster.local'));
    expect(empty.rcode).toBe('NOERROR');
    expect(empty.answers).toEqual([]);
    // A namespace exists while it has a service.
    services.set(svc('only', { clusterIP: '10.96.0.60' }, 'team-a'));
    expect((await udp(port, query('team-a.svc.cluster.local'))).rcode).toBe('NOERROR');
    services.del('team-a', 'only');
    expect((await udp(port, query('team-a.svc.cluster.local'))).rcode).toBe('NXDOMAIN');
  });

  it('truncates UDP answers over 512 bytes (or the EDNS size); TCP carries them whole; answers are capped', async () => {
    services.set(svc('big', { clusterIP: 'None' }));
    endpoints.set(eps('big', [{ addresses: Array.from({ length: 20 }, (_, i) => ({ ip: ip(i) })), ports: [{ port: 80 }] }]));
    const name = 'big.default.svc.cluster.local';
    const small = await udp(port, query(name));
    expect(small.flag_tc).toBe(true);
    expect(small.answers).toEqual([]);
    expect((await udpRaw(port, query(name)))!.length).toBeLessThanOrEqual(512);
    const edns = await udp(port, query(name, 'A', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096 } as never] }));
    expect(edns.flag_tc).toBe(false);
    expect(edns.answers?.filter((a) => a.type === 'A')).toHaveLength(20);
    expect(edns.additionals?.find((a) => a.type === 'OPT')).toMatchObject({ udpPayloadSize: 1232 });
    const viaTcp = await tcp(port, query(name));
    expect(viaTcp.flag_tc).toBe(false);
    expect(data(viaTcp)).toHaveLength(20);
    // Beyond the cap of 100 records, even TCP answers the first 100 (whole records only).
    endpoints.set(eps('big', [{ addresses: Array.from({ length: 300 }, (_, i) => ({ ip: ip(i) })), ports: [{ port: 80 }] }]));
    const capped = await tcp(port, query(name));
    expect(data(capped)).toHaveLength(100);
    const cappedEdns = await udp(port, query(name, 'A', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 65000 } as never] }));
    expect(cappedEdns.flag_tc).toBe(true);
  });

  it('answers FORMERR, NOTIMP or BADVERS to bad queries, drops what cannot be answered, never stops', async () => {
    // Shorter than a header, or a response: no answer at all.
    expect(await udpRaw(port, Buffer.from([1, 2, 3]), 200)).toBeUndefined();
    const resp = dnsPacket.encode({ type: 'response', id: 9, questions: [{ name: 'my-svc.default.svc.cluster.local', type: 'A' }] });
    expect(await udpRaw(port, resp, 200)).toBeUndefined();
    // A header promising a question that is not there.
    const lying = Buffer.from('abcd0100000100000000000003666f6f', 'hex');
    const fe = dnsPacket.decode((await udpRaw(port, lying))!) as unknown as { id: number; rcode: string };
    expect(fe).toMatchObject({ id: 0xabcd, rcode: 'FORMERR' });
    // Two questions.
    const two = dnsPacket.encode({ type: 'query', id: 11, questions: [{ name: 'a.cluster.local', type: 'A' }, { name: 'b.cluster.local', type: 'A' }] });
    expect((await udp(port, two)).rcode).toBe('FORMERR');
    // Opcode STATUS (2).
    const status = query('my-svc.default.svc.cluster.local');
    status.writeUInt16BE(status.readUInt16BE(2) | (2 << 11), 2);
    expect((await udp(port, status)).rcode).toBe('NOTIMP');
    // EDNS version 1.
    const v1 = query('my-svc.default.svc.cluster.local', 'A', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, ednsVersion: 1 } as never] });
    const bad = await udp(port, v1);
    expect(bad.additionals?.find((a) => a.type === 'OPT')).toMatchObject({ extendedRcode: 1 });
    // Garbage of every size, seeded: the server answers or drops each and stays up.
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 300; i++) {
      const b = Buffer.alloc(Math.floor(rand() * 600));
      for (let j = 0; j < b.length; j++) b[j] = Math.floor(rand() * 256);
      // Keep some headers plausible so the decoder goes deeper than the first byte.
      if (b.length >= 12 && i % 2 === 0) b.writeUInt16BE(1, 4), b.writeUInt16BE(0x0100, 2);
      await udpRaw(port, b, 20);
    }
    // TCP: a length too short to be DNS closes the connection; nothing else breaks.
    expect(await tcpRaw(port, [Buffer.from([1, 2, 3])], 2000)).toEqual([]);
    const errors = dns.server.stats.errors;
    expect(errors).toBe(0);
    expect(data(await udp(port, query('my-svc.default.svc.cluster.local')))).toEqual(['10.96.0.10']);
    expect(dns.server.stats.formerr).toBeGreaterThan(0);
  });

  it('pipelined TCP queries are answered in order on one connection', async () => {
    const names = ['my-svc.default.svc.cluster.local', 'nope.default.svc.cluster.local', 'example.com'];
    const answers = (await tcpRaw(port, names.map((n) => query(n)))).map((b) => dnsPacket.decode(b) as unknown as { rcode: string; questions: { name: string }[] });
    expect(answers.map((a) => [a.questions[0].name, a.rcode])).toEqual([
      [names[0], 'NOERROR'],
      [names[1], 'NXDOMAIN'],
      [names[2], 'REFUSED'],
    ]);
  });
});
