// The DNS server's sockets: UDP and TCP on one address and port, both answered by a Responder.
// TCP messages carry a two-byte length prefix (RFC 1035 4.2.2) and may be pipelined (RFC 7766);
// a connection is closed when it idles, sends a message too short to be DNS, or lets unread
// answers pile up; connections beyond a limit are closed at once. Nothing a client sends can
// throw out of a handler: a failure is logged and counted, and the server goes on.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Logger } from 'pino';
import type { Responder, Transport } from './responder.ts';

export class DnsServerError extends Error {
  override readonly name = 'DnsServerError';
  constructor(
    message: string,
    readonly address: string,
    readonly port: number,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface DnsServerOptions {
  /** Address to listen on (an IPv4 or IPv6 literal). */
  host: string;
  /** Port (0 = any free one; UDP and TCP then share the port UDP got). */
  port: number;
  responder: Responder;
  logger: Logger;
  /** Open TCP connections at most (default 256). */
  maxTcpConnections?: number;
  /** A TCP connection with no complete message for this long is closed (default 10 s, RFC 7766's guidance). */
  tcpIdleMs?: number;
  /** Unread answers queued on one TCP connection at most, bytes (default 256 KiB). */
  maxTcpBacklogBytes?: number;
}

export interface DnsServerStats {
  queries: number;
  answered: number;
  dropped: number;
  formerr: number;
  truncated: number;
  errors: number;
}

export class DnsServer {
  private udp?: dgram.Socket;
  private tcp?: net.Server;
  private readonly conns = new Set<net.Socket>();
  private readonly log: Logger;
  private boundPort = 0;
  readonly stats: DnsServerStats = { queries: 0, answered: 0, dropped: 0, formerr: 0, truncated: 0, errors: 0 };

  constructor(private readonly o: DnsServerOptions) {
    this.log = o.logger.child({ component: 'dns-server' });
  }

  get port(): number {
    return this.boundPort;
  }

  get host(): string {
    return this.o.host;
  }

  async start(): Promise<void> {
    // Port 0: UDP picks a free port and TCP takes the same number, which another process may
    // hold on TCP (seen in a busy CI run): pick again rather than fail.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce();
      } catch (err) {
        const inUse = ((err as DnsServerError).cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
        if (this.o.port !== 0 || !inUse || attempt >= 10) throw err;
      }
    }
  }

  private async startOnce(): Promise<void> {
    const family = net.isIPv6(this.o.host) ? 'udp6' : 'udp4';
    const udp = dgram.createSocket({ type: family });
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(this.o.port, this.o.host, () => {
          udp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      udp.close();
      throw new DnsServerError(`DNS server: cannot bind UDP ${this.o.host}:${this.o.port}: ${(err as Error).message}`, this.o.host, this.o.port, err);
    }
    this.boundPort = udp.address().port;
    udp.on('message', (msg, rinfo) => this.onDatagram(udp, msg, rinfo));
    udp.on('error', (err) => {
      this.stats.errors++;
      this.log.warn({ event: 'dns-udp-error', err: err.message }, 'DNS UDP socket error');
    });
    this.udp = udp;
    const tcp = net.createServer((sock) => this.onConnection(sock));
    tcp.maxConnections = this.o.maxTcpConnections ?? 256;
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ host: this.o.host, port: this.boundPort, exclusive: true }, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      const port = this.boundPort;
      udp.close();
      this.udp = undefined;
      this.boundPort = 0;
      throw new DnsServerError(`DNS server: cannot listen on TCP ${this.o.host}:${port}: ${(err as Error).message}`, this.o.host, port, err);
    }
    tcp.on('error', (err) => {
      this.stats.errors++;
      this.log.warn({ event: 'dns-tcp-error', err: err.message }, 'DNS TCP server error');
    });
    this.tcp = tcp;
    this.log.info({ event: 'dns-listening', host: this.o.host, port: this.boundPort }, `cluster DNS listening on ${this.o.host}:${this.boundPort} (UDP and TCP)`);
  }

  async stop(): Promise<void> {
    for (const c of this.conns) c.destroy();
    this.conns.clear();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    await Promise.all([
      udp ? new Promise<void>((r) => udp.close(() => r())) : undefined,
      tcp ? new Promise<void>((r) => tcp.close(() => r())) : undefined,
    ]);
  }

  private answer(msg: Buffer, transport: Transport, client: string): Buffer | undefined {
    this.stats.queries++;
    let out;
    try {
      out = this.o.responder.respond(msg, transport);
    } catch (err) {
      // A bug of ours or the codec's on some input: that query goes unanswered, the server lives on.
      this.stats.errors++;
      this.log.error({ event: 'dns-respond-failed', transport, client, bytes: msg.length, err: (err as Error).message }, 'DNS query not answered');
      return undefined;
    }
    if (!out.response) this.stats.dropped++;
    else this.stats.answered++;
    if (out.rcode === 'FORMERR') this.stats.formerr++;
    if (out.truncated) this.stats.truncated++;
    if (this.log.isLevelEnabled('debug')) this.log.debug({ event: 'dns-query', transport, client, qname: out.qname, qtype: out.qtype, rcode: out.rcode, truncated: out.truncated }, 'DNS query');
    return out.response;
  }

  private onDatagram(udp: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const response = this.answer(msg, 'udp', `${rinfo.address}:${rinfo.port}`);
    if (!response) return;
    udp.send(response, rinfo.port, rinfo.address, (err) => {
      if (err) {
        this.stats.errors++;
        this.log.debug({ event: 'dns-udp-send-failed', client: rinfo.address, err: err.message }, 'DNS answer not sent');
      }
    });
  }

  private onConnection(sock: net.Socket): void {
    this.conns.add(sock);
    const client = `${sock.remoteAddress}:${sock.remotePort}`;
    const backlog = this.o.maxTcpBacklogBytes ?? 256 * 1024;
    let buf: Buffer = Buffer.alloc(0);
    sock.setTimeout(this.o.tcpIdleMs ?? 10_000, () => sock.destroy());
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.conns.delete(sock));
    sock.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (len < 12) {
          this.stats.dropped++;
          sock.destroy();
          return;
        }
        if (buf.length < 2 + len) break;
        const msg = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        const response = this.answer(msg, 'tcp', client);
        if (!response) continue;
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(response.length);
        sock.write(Buffer.concat([prefix, response]));
        if (sock.writableLength > backlog) {
          this.log.debug({ event: 'dns-tcp-backlog', client, bytes: sock.writableLength }, 'DNS client does not read its answers; closing');
          sock.destroy();
          return;
        }
      }
    });
  }
}
