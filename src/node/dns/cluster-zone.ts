// The cluster domain as an authoritative zone held in memory: Services and Endpoints go in as
// the informers deliver them, lookups come out as resource records (dns-packet's shapes).
//
//   <svc>.<ns>.svc.<domain>                  A/AAAA: the cluster IPs; headless: the ready
//                                            endpoint IPs; ExternalName: a CNAME
//   _<port>._<proto>.<svc>.<ns>.svc.<domain> SRV per named port (target: the service, or for
//                                            headless each endpoint's own name)
//   <label>.<svc>.<ns>.svc.<domain>          A of a headless endpoint (label: hostname or dashed IP)
//   <d.c.b.a>.in-addr.arpa                   PTR of a cluster IP or headless endpoint IP
//
// Any other name outside the domain (a reverse name of an address that is not a service's
// included) is refused: this server is authoritative for the cluster only and
// never forwards (no upstream is reachable, and a pod's query must not leave the node). Before
// the informers have listed once every in-zone answer is SERVFAIL, not a false NXDOMAIN that
// resolvers would cache.
import type { Answer, RecordType } from 'dns-packet';
import type { Obj } from '../../control/client/resource-client.ts';
import { endpointAddresses, serviceEntry, type EndpointAddress, type ServiceEntry } from './service-entries.ts';

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

export interface LookupResult {
  rcode: Rcode;
  /** The name is in the cluster domain (the answer is authoritative). */
  authoritative: boolean;
  answers: Answer[];
  /** SOA of the zone for negative answers (NXDOMAIN and no-data), for negative caching. */
  authorities: Answer[];
  /** A/AAAA of SRV targets. */
  additionals: Answer[];
}

export interface ClusterZoneOptions {
  /** The cluster domain (default cluster.local). */
  domain?: string;
  /** TTL of every record, seconds (default 5, as CoreDNS's kubernetes plugin). */
  ttl?: number;
  /** At most this many records of one kind in an answer (a headless service of thousands of pods). */
  maxAnswers?: number;
}

/** CNAMEs inside the zone are followed at most this deep (ExternalName pointing at ExternalName). */
const MAX_CNAME_CHAIN = 8;

export class ClusterZone {
  readonly domain: string;
  private readonly ttl: number;
  private readonly maxAnswers: number;
  private readonly services = new Map<string, ServiceEntry>();
  /** Raw Endpoints by ns/name: what is published depends on its service's publishNotReadyAddresses. */
  private readonly endpointObjs = new Map<string, Obj>();
  private readonly endpoints = new Map<string, EndpointAddress[]>();
  /** Services per namespace, so that `<ns>.svc.<domain>` exists while the namespace has one. */
  private readonly perNamespace = new Map<string, number>();
  /** Reverse names: IPv4 address -> (service key -> the names that address has under it). */
  private readonly reverse = new Map<string, Map<string, string[]>>();
  private readonly reverseIps = new Map<string, string[]>();
  private serial = Math.floor(Date.now() / 1000) >>> 0;
  private rotation = 0;
  private synced = false;

  constructor(o: ClusterZoneOptions = {}) {
    this.domain = (o.domain ?? 'cluster.local').toLowerCase().replace(/^\.+|\.+$/g, '');
    this.ttl = o.ttl ?? 5;
    this.maxAnswers = o.maxAnswers ?? 100;
  }

  /** Both informers have listed once: absent names are now truly absent. */
  markSynced(): void {
    this.synced = true;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  upsertService(svc: Obj): void {
    const e = serviceEntry(svc);
    const key = `${e.namespace}/${e.name}`;
    if (!this.services.has(key)) this.perNamespace.set(e.namespace, (this.perNamespace.get(e.namespace) ?? 0) + 1);
    this.services.set(key, e);
    this.refreshEndpoints(key);
    this.changed();
  }

  deleteService(svc: Obj): void {
    const key = `${String(svc.metadata?.namespace ?? '').toLowerCase()}/${String(svc.metadata?.name ?? '').toLowerCase()}`;
    const e = this.services.get(key);
    if (!e) return;
    this.services.delete(key);
    const n = (this.perNamespace.get(e.namespace) ?? 1) - 1;
    if (n > 0) this.perNamespace.set(e.namespace, n);
    else this.perNamespace.delete(e.namespace);
    this.refreshEndpoints(key);
    this.changed();
  }

  upsertEndpoints(ep: Obj): void {
    const key = `${String(ep.metadata?.namespace ?? '').toLowerCase()}/${String(ep.metadata?.name ?? '').toLowerCase()}`;
    this.endpointObjs.set(key, ep);
    this.refreshEndpoints(key);
    this.changed();
  }

  deleteEndpoints(ep: Obj): void {
    const key = `${String(ep.metadata?.namespace ?? '').toLowerCase()}/${String(ep.metadata?.name ?? '').toLowerCase()}`;
    this.endpointObjs.delete(key);
    this.refreshEndpoints(key);
    this.changed();
  }

  private refreshEndpoints(key: string): void {
    const ep = this.endpointObjs.get(key);
    if (!ep) this.endpoints.delete(key);
    else this.endpoints.set(key, endpointAddresses(ep, this.services.get(key)?.publishNotReadyAddresses ?? false));
    this.reindexReverse(key);
  }

  /** Rebuilds the PTR entries of one service: O(its addresses) per event, not O(zone). */
  private reindexReverse(key: string): void {
    for (const ip of this.reverseIps.get(key) ?? []) {
      const m = this.reverse.get(ip);
      m?.delete(key);
      if (m?.size === 0) this.reverse.delete(ip);
    }
    this.reverseIps.delete(key);
    const svc = this.services.get(key);
    if (!svc) return;
    const base = `${svc.name}.${svc.namespace}.svc.${this.domain}`;
    const names = new Map<string, string[]>();
    if (svc.kind === 'clusterIP') for (const ip of svc.clusterIPs) names.set(ip, [base]);
    if (svc.kind === 'headless') for (const e of this.endpoints.get(key) ?? []) names.set(e.ip, [`${e.label}.${base}`]);
    for (const [ip, list] of names) {
      if (ip.includes(':')) continue;
      let m = this.reverse.get(ip);
      if (!m) this.reverse.set(ip, (m = new Map()));
      m.set(key, list);
    }
    this.reverseIps.set(key, [...names.keys()]);
  }

  private reverseLookup(asked: string, qname: string, type: string): LookupResult {
    const labels = qname.slice(0, -'.in-addr.arpa'.length).split('.');
    const ip = labels.length === 4 && labels.every((l) => /^(0|[1-9]\d{0,2})$/.test(l) && Number(l) < 256) ? labels.reverse().join('.') : '';
    const names = ip ? this.reverse.get(ip) : undefined;
    if (!names) return this.result('REFUSED', false);
    const out = this.result('NOERROR', true);
    if (type === 'PTR' || type === 'ANY') {
      for (const list of names.values()) for (const n of list) if (out.answers.length < this.maxAnswers) out.answers.push({ type: 'PTR', name: asked, ttl: this.ttl, class: 'IN', data: n });
    }
    return out;
  }

  private changed(): void {
    this.serial = (this.serial + 1) >>> 0;
  }

  /** `name` as asked (any case, with or without the trailing dot); answers carry it as asked. */
  lookup(name: string, type: RecordType | string): LookupResult {
    const asked = name.replace(/\.$/, '');
    const qname = asked.toLowerCase();
    if (qname.endsWith('.in-addr.arpa') && this.synced) return this.reverseLookup(asked, qname, type);
    if (qname !== this.domain && !qname.endsWith(`.${this.domain}`)) return this.result('REFUSED', false);
    if (!this.synced) return this.result('SERVFAIL', true);
    const out = this.result('NOERROR', true);
    let owner = asked;
    let current = qname;
    for (let hop = 0; ; hop++) {
      const found = this.resolveName(current, owner, type, out);
      if (found === 'nxdomain') {
        // A CNAME already answered stays in the answer (RFC 6604: the rcode is the last name's).
        out.rcode = 'NXDOMAIN';
        break;
      }
      if (found !== 'ok') {
        // A CNAME: follow it while its target is in the zone.
        if (hop >= MAX_CNAME_CHAIN || (found !== this.domain && !found.endsWith(`.${this.domain}`))) break;
        owner = found;
        current = found;
        continue;
      }
      break;
    }
    if (out.answers.length === 0) out.authorities.push(this.soa());
    return out;
  }

  /** Adds the records of `qname` to `out`; returns 'ok', 'nxdomain', or a CNAME target to follow. */
  private resolveName(qname: string, owner: string, type: string, out: LookupResult): string {
    const rel = qname === this.domain ? [] : qname.slice(0, -(this.domain.length + 1)).split('.');
    const labels = rel.reverse(); // from the zone apex down: svc, ns, name, ...
    if (labels.length === 0) {
      if (type === 'SOA' || type === 'ANY') out.answers.push({ ...this.soa(), name: owner });
      return 'ok';
    }
    if (labels[0] !== 'svc') return 'nxdomain';
    if (labels.length === 1) return 'ok';
    const ns = labels[1];
    if (labels.length === 2) return this.perNamespace.has(ns) ? 'ok' : 'nxdomain';
    const svc = this.services.get(`${ns}/${labels[2]}`);
    if (!svc) return 'nxdomain';
    const base = `${svc.name}.${svc.namespace}.svc.${this.domain}`;
    if (labels.length === 3) return this.serviceRecords(svc, base, owner, type, out);
    const l3 = labels[3];
    if (labels.length === 4) {
      if (l3.startsWith('_')) {
        // `_tcp.<svc>...`: an empty non-terminal while some port uses that protocol.
        const proto = l3.slice(1);
        return svc.ports.some((p) => p.name && p.protocol === proto) ? 'ok' : 'nxdomain';
      }
      if (svc.kind !== 'headless') return 'nxdomain';
      const ep = (this.endpoints.get(`${svc.namespace}/${svc.name}`) ?? []).find((e) => e.label === l3);
      if (!ep) return 'nxdomain';
      this.addressRecords(owner, [ep.ip], type, out.answers);
      return 'ok';
    }
    if (labels.length === 5 && l3.startsWith('_') && labels[4].startsWith('_')) return this.srvRecords(svc, base, owner, labels[4].slice(1), l3.slice(1), type, out);
    return 'nxdomain';
  }

  private serviceRecords(svc: ServiceEntry, base: string, owner: string, type: string, out: LookupResult): string {
    if (svc.kind === 'externalName') {
      out.answers.push({ type: 'CNAME', name: owner, ttl: this.ttl, class: 'IN', data: svc.externalName });
      return type === 'CNAME' ? 'ok' : svc.externalName;
    }
    if (type === 'SRV') {
      // Every named port of the service, as CoreDNS answers for the bare service name.
      for (const p of svc.ports.filter((x) => x.name)) this.addSrv(svc, base, owner, p.name, p.protocol, out);
      return 'ok';
    }
    const ips = svc.kind === 'headless' ? (this.endpoints.get(`${svc.namespace}/${svc.name}`) ?? []).map((e) => e.ip) : svc.clusterIPs;
    this.addressRecords(owner, this.rotate(ips), type, out.answers);
    return 'ok';
  }

  private srvRecords(svc: ServiceEntry, base: string, owner: string, port: string, proto: string, type: string, out: LookupResult): string {
    if (!svc.ports.some((p) => p.name === port && p.protocol === proto)) return 'nxdomain';
    if (type === 'SRV' || type === 'ANY') this.addSrv(svc, base, owner, port, proto, out);
    return 'ok';
  }

  private addSrv(svc: ServiceEntry, base: string, owner: string, port: string, proto: string, out: LookupResult): void {
    if (svc.kind === 'headless') {
      const eps = (this.endpoints.get(`${svc.namespace}/${svc.name}`) ?? []).filter((e) => e.ports.some((p) => p.name === port && p.protocol === proto));
      const picked = this.rotate(eps).slice(0, this.maxAnswers - out.answers.length);
      const weight = Math.max(1, Math.floor(100 / Math.max(1, picked.length)));
      for (const e of picked) {
        const target = `${e.label}.${base}`;
        const p = e.ports.find((x) => x.name === port && x.protocol === proto)!;
        out.answers.push({ type: 'SRV', name: owner, ttl: this.ttl, class: 'IN', data: { priority: 0, weight, port: p.port, target } });
        this.addressRecords(target, [e.ip], 'A', out.additionals);
        this.addressRecords(target, [e.ip], 'AAAA', out.additionals);
      }
      return;
    }
    const p = svc.ports.find((x) => x.name === port && x.protocol === proto);
    if (!p || out.answers.length >= this.maxAnswers) return;
    out.answers.push({ type: 'SRV', name: owner, ttl: this.ttl, class: 'IN', data: { priority: 0, weight: 100, port: p.port, target: base } });
    if (!out.additionals.some((a) => a.name === base)) {
      this.addressRecords(base, svc.clusterIPs, 'A', out.additionals);
      this.addressRecords(base, svc.clusterIPs, 'AAAA', out.additionals);
    }
  }

  private addressRecords(owner: string, ips: string[], type: string, into: Answer[]): void {
    const want = type === 'ANY' ? ['A', 'AAAA'] : [type];
    for (const ip of ips) {
      if (into.length >= this.maxAnswers) return;
      const t = ip.includes(':') ? 'AAAA' : 'A';
      if (want.includes(t)) into.push({ type: t, name: owner, ttl: this.ttl, class: 'IN', data: ip });
    }
  }

  /** Round-robin over answers, so that clients taking the first address spread over endpoints. */
  private rotate<T>(list: T[]): T[] {
    if (list.length < 2) return list;
    const k = this.rotation++ % list.length;
    return [...list.slice(k), ...list.slice(0, k)];
  }

  private soa(): Answer {
    return {
      type: 'SOA',
      name: this.domain,
      ttl: this.ttl,
      class: 'IN',
      data: { mname: `ns.dns.${this.domain}`, rname: `hostmaster.${this.domain}`, serial: this.serial, refresh: 7200, retry: 1800, expire: 86400, minimum: this.ttl },
    };
  }

  private result(rcode: Rcode, authoritative: boolean): LookupResult {
    return { rcode, authoritative, answers: [], authorities: [], additionals: [] };
  }
}
