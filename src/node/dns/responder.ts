// One DNS message in, one out (or none): decoding, checks, the zone's answer, EDNS and size
// limits. No sockets here, so every path is testable byte for byte; server.ts moves the bytes.
//
// Never answered: messages shorter than a header (nothing to answer to) and responses (QR set),
// so that two servers, or a spoofed source, cannot make this one bounce packets forever.
// FORMERR for what does not decode or does not ask exactly one question; NOTIMP for opcodes
// other than QUERY; BADVERS for EDNS versions above 0; REFUSED for classes other than IN.
// A UDP answer larger than the client can take (512 bytes, or its EDNS buffer size capped at
// `maxUdpPayload`) loses its additional section first, then, if still too large, is sent
// empty with TC set, which tells the client to ask again over TCP.
import dnsPacket, { type Answer, type DecodedPacket, type OptAnswer, type Packet } from 'dns-packet';
import type { ClusterZone, LookupResult } from './cluster-zone.ts';

export type Transport = 'udp' | 'tcp';

export interface ResponderLimits {
  /** Largest UDP answer, whatever a client's EDNS buffer size says (default 1232, DNS flag day 2020). */
  maxUdpPayload?: number;
  /** Largest TCP answer (default and at most 65535: the length prefix is 16 bits). */
  maxTcpMessage?: number;
}

export interface Outcome {
  /** The encoded answer, or undefined when nothing is to be sent. */
  response?: Buffer;
  /** For logs and tests: what was asked and how it went. */
  qname?: string;
  qtype?: string;
  rcode: string;
  truncated: boolean;
}

const CLASSIC_UDP = 512;
const OPCODE_QUERY = 0;
const QR = 1 << 15;
const RCODES: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };
const BADVERS_HIGH_BITS = 1; // extended rcode 16 = (1 << 4) | 0

export class Responder {
  private readonly maxUdp: number;
  private readonly maxTcp: number;

  constructor(
    private readonly zone: ClusterZone,
    limits: ResponderLimits = {},
  ) {
    this.maxUdp = Math.max(CLASSIC_UDP, Math.min(65535, limits.maxUdpPayload ?? 1232));
    this.maxTcp = Math.max(CLASSIC_UDP, Math.min(65535, limits.maxTcpMessage ?? 65535));
  }

  respond(msg: Buffer, transport: Transport): Outcome {
    if (msg.length < 12) return { rcode: 'DROPPED', truncated: false };
    const id = msg.readUInt16BE(0);
    const flags = msg.readUInt16BE(2);
    if (flags & QR) return { rcode: 'DROPPED', truncated: false };
    const opcode = (flags >> 11) & 0xf;
    const rd = flags & dnsPacket.RECURSION_DESIRED;
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return this.bare(id, opcode, rd, 'FORMERR');
    }
    if (opcode !== OPCODE_QUERY) return this.bare(id, opcode, rd, 'NOTIMP');
    const questions = query.questions ?? [];
    const opts = (query.additionals ?? []).filter((a): a is OptAnswer => a.type === 'OPT');
    if (questions.length !== 1 || opts.length > 1) return this.bare(id, opcode, rd, 'FORMERR');
    const q = questions[0];
    const opt = opts[0];
    const base = { id, type: 'response' as const, questions: [q] };
    if (opt && opt.ednsVersion > 0) {
      const response = dnsPacket.encode({ ...base, flags: rd, additionals: [this.opt(BADVERS_HIGH_BITS)] });
      return { response, qname: q.name, qtype: q.type, rcode: 'BADVERS', truncated: false };
    }
    let found: LookupResult;
    if (q.class !== 'IN' && q.class !== 'ANY') found = { rcode: 'REFUSED', authoritative: false, answers: [], authorities: [], additionals: [] };
    else found = this.zone.lookup(q.name, q.type);
    const flagsOut = rd | RCODES[found.rcode] | (found.authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0);
    const ednsTail: Answer[] = opt ? [this.opt(0)] : [];
    const limit = transport === 'tcp' ? this.maxTcp : opt ? Math.max(CLASSIC_UDP, Math.min(opt.udpPayloadSize, this.maxUdp)) : CLASSIC_UDP;
    const full: Packet = { ...base, flags: flagsOut, answers: found.answers, authorities: found.authorities, additionals: [...found.additionals, ...ednsTail] };
    const outcome = { qname: q.name, qtype: q.type, rcode: found.rcode };
    let response = dnsPacket.encode(full);
    if (response.length <= limit) return { ...outcome, response, truncated: false };
    // Glue is optional (RFC 2181 9): dropping it needs no TC bit.
    response = dnsPacket.encode({ ...full, additionals: ednsTail });
    if (response.length <= limit) return { ...outcome, response, truncated: false };
    response = dnsPacket.encode({ ...base, flags: flagsOut | dnsPacket.TRUNCATED_RESPONSE, answers: [], authorities: [], additionals: ednsTail });
    return { ...outcome, response, truncated: true };
  }

  /** An answer with no question (the question could not be read, or is not ours to read). */
  private bare(id: number, opcode: number, rd: number, rcode: 'FORMERR' | 'NOTIMP'): Outcome {
    const response = dnsPacket.encode({ id, type: 'response', flags: (opcode << 11) | rd | RCODES[rcode], questions: [], answers: [], authorities: [], additionals: [] });
    return { response, rcode, truncated: false };
  }

  private opt(extendedRcode: number): OptAnswer {
    return { type: 'OPT', name: '.', udpPayloadSize: this.maxUdp, extendedRcode, ednsVersion: 0, flags: 0, flag_do: false, options: [] };
  }
}
