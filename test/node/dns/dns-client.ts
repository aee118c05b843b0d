// A small DNS client for tests: queries encoded with dns-packet, sent over real UDP and TCP
// sockets to a server on loopback, answers decoded. Every wait is bounded.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket, { type DecodedPacket, type Packet, type RecordType } from 'dns-packet';

export type Decoded = DecodedPacket & { rcode: string; opcode: string };

let nextId = 1;

export function query(name: string, type: RecordType | string = 'A', extra: Partial<Packet> = {}): Buffer {
  return dnsPacket.encode({ type: 'query', id: nextId++ & 0xffff, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type: type as RecordType, class: 'IN' }], ...extra });
}

/** Sends raw bytes over UDP; resolves with the raw answer, or undefined after `timeoutMs`. */
export function udpRaw(port: number, msg: Buffer, timeoutMs = 1000, host = '127.0.0.1'): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const s = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const done = (b: Buffer | undefined) => {
      clearTimeout(timer);
      s.close();
      resolve(b);
    };
    s.on('message', (b) => done(b));
    s.on('error', () => done(undefined));
    s.send(msg, port, host);
  });
}

export async function udp(port: number, msg: Buffer, host = '127.0.0.1'): Promise<Decoded> {
  const b = await udpRaw(port, msg, 2000, host);
  if (!b) throw new Error('no UDP answer within 2 s');
  return dnsPacket.decode(b) as Decoded;
}

/** Sends `msgs` on one TCP connection (pipelined), resolves with as many answers, raw. */
export function tcpRaw(port: number, msgs: Buffer[], timeoutMs = 2000, host = '127.0.0.1'): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const out: Buffer[] = [];
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`TCP: ${out.length} of ${msgs.length} answers within ${timeoutMs} ms`));
    }, timeoutMs);
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        out.push(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (out.length >= msgs.length) sock.end();
    });
    sock.on('connect', () => {
      for (const m of msgs) {
        const p = Buffer.alloc(2);
        p.writeUInt16BE(m.length);
        sock.write(Buffer.concat([p, m]));
      }
    });
  });
}

export async function tcp(port: number, msg: Buffer, host = '127.0.0.1'): Promise<Decoded> {
  const [b] = await tcpRaw(port, [msg], 2000, host);
  if (!b) throw new Error('no TCP answer');
  return dnsPacket.decode(b) as Decoded;
}

/** The data of the answers of one type, sorted. */
export function data(p: Packet, type = 'A'): unknown[] {
  return (p.answers ?? []).filter((a) => a.type === type).map((a) => (a as { data: unknown }).data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
