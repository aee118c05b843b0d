// Helpers for the service-proxy tests, on top of netns-harness.ts (which refuses to run outside
// the test sandbox): TCP servers inside pod namespaces that answer with their own name, a
// prober that makes many connections from inside a namespace and counts who answered, and an
// in-memory object source that feeds the proxy as an informer would.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Obj } from '../../src/control/client/resource-client.ts';
import { inSandbox } from './netns-harness.ts';

/**
 * Port 8080: writes `<name> <client address>` and closes. Port 9000: echoes (a long-lived
 * connection). UDP port 9053: answers each datagram with `<name>`. Runs under `nsenter --net`
 * so it lives in the pod's namespace.
 */
const SERVER = `
const net = require('node:net');
const name = process.argv[1];
const udp = require('node:dgram').createSocket('udp4');
udp.on('message', (m, from) => udp.send(name, from.port, from.address));
udp.bind(9053, () => {
  net.createServer((s) => s.end(name + ' ' + s.remoteAddress.replace(/^::ffff:/, ''))).listen(8080, () => {
    net.createServer((s) => s.pipe(s)).listen(9000, () => process.stdout.write('ready\\n'));
  });
});
`;

/** One datagram to ip:port from source port `from`, inside `netns`: the answer, or TIMEOUT / an error code. */
export function udpAsk(netns: string, ip: string, port: number, from: number, timeoutMs = 2000): Promise<string> {
  const code = `const s=require('node:dgram').createSocket('udp4');const t=setTimeout(()=>{process.stdout.write('TIMEOUT');process.exit(0)},Number(process.argv[4]));s.on('message',(m)=>{process.stdout.write(String(m));process.exit(0)});s.on('error',(e)=>{process.stdout.write(e.code||'ERROR');process.exit(0)});s.bind(Number(process.argv[3]),()=>s.send('?',Number(process.argv[2]),process.argv[1]));`;
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', nsenter(netns, ['-e', code, ip, String(port), String(from), String(timeoutMs)]), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(`udp client exited ${c}`))));
  });
}

/** Connects `count` times, one after another; prints {answers: {name: n}, errors: {code: n}, clients: {addr: n}}. */
const PROBE = `
const net = require('node:net');
const [host, port, count, timeoutMs] = process.argv.slice(1);
const answers = {}, errors = {}, clients = {};
function one() {
  return new Promise((resolve) => {
    let buf = '';
    const s = net.connect({ host, port: Number(port) });
    const t = setTimeout(() => { s.destroy(); errors.TIMEOUT = (errors.TIMEOUT || 0) + 1; resolve(); }, Number(timeoutMs));
    s.on('data', (d) => (buf += d));
    s.on('end', () => { clearTimeout(t); const [n, c] = buf.split(' '); answers[n] = (answers[n] || 0) + 1; clients[c] = (clients[c] || 0) + 1; resolve(); });
    s.on('error', (e) => { clearTimeout(t); errors[e.code] = (errors[e.code] || 0) + 1; resolve(); });
  });
}
(async () => { for (let i = 0; i < Number(count); i++) await one(); process.stdout.write(JSON.stringify({ answers, errors, clients })); })();
`;

export interface ProbeResult {
  answers: Record<string, number>;
  errors: Record<string, number>;
  clients: Record<string, number>;
}

function nsenter(netns: string, args: string[]): string[] {
  if (!inSandbox()) throw new Error('refusing to run network commands outside the test sandbox');
  return [`--net=${netns}`, '--', process.execPath, ...args];
}

export class PodServers {
  private readonly children: ChildProcess[] = [];

  /** Starts the name server in `netns`; resolves when it listens. */
  start(netns: string, name: string): Promise<void> {
    const child = spawn('nsenter', nsenter(netns, ['-e', SERVER, name]), { stdio: ['ignore', 'pipe', 'inherit'] });
    this.children.push(child);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`server ${name} did not start`)), 10_000);
      child.stdout!.once('data', () => {
        clearTimeout(t);
        resolve();
      });
      child.once('exit', (code) => reject(new Error(`server ${name} exited ${code}`)));
    });
  }

  stopAll(): void {
    for (const c of this.children) c.kill('SIGKILL');
  }
}

/** `count` sequential connections to ip:port from inside `netns`. */
export function probe(netns: string, ip: string, port: number, count: number, timeoutMs = 2000): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', nsenter(netns, ['-e', PROBE, ip, String(port), String(count), String(timeoutMs)]), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ProbeResult) : reject(new Error(`probe exited ${code}`))));
  });
}

/** A long-lived echo connection from inside `netns`: send a line, get it back. */
export class EchoConnection {
  private readonly child: ChildProcess;
  private buf = '';
  private waiters: (() => void)[] = [];

  constructor(netns: string, ip: string, port: number) {
    const code = `const s=require('node:net').connect({host:process.argv[1],port:Number(process.argv[2])});process.stdin.pipe(s);s.pipe(process.stdout);s.on('error',(e)=>{process.stdout.write('ERR '+e.code+'\\n');process.exit(3)});s.on('end',()=>{process.stdout.write('CLOSED\\n');process.exit(4)});`;
    this.child = spawn('nsenter', nsenter(netns, ['-e', code, ip, String(port)]), { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (d) => {
      this.buf += d;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Sends `line` and resolves with what came back (or an ERR/CLOSED line), within timeoutMs. */
  async roundTrip(line: string, timeoutMs = 3000): Promise<string> {
    this.buf = '';
    this.child.stdin!.write(line + '\n');
    const deadline = Date.now() + timeoutMs;
    while (!this.buf.includes('\n') && Date.now() < deadline) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.buf.trim();
  }

  close(): void {
    this.child.kill('SIGKILL');
  }
}

export { StaticSource } from '../../src/node/proxy/static-source.ts';

export function service(name: string, clusterIP: string, ports: Obj[], extra: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name }, spec: { clusterIP, type: 'ClusterIP', ports, ...extra } };
}

export function endpoints(name: string, addresses: { ip: string; nodeName: string }[], ports: Obj[], notReady: { ip: string; nodeName: string }[] = []): Obj {
  const subset: Obj = { ports };
  if (addresses.length > 0) subset.addresses = addresses;
  if (notReady.length > 0) subset.notReadyAddresses = notReady;
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { namespace: 'default', name }, subsets: addresses.length + notReady.length > 0 ? [subset] : [] };
}

/** Chi-square statistic of observed counts against an even spread. */
export function chiSquareEven(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}
