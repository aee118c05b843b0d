// Ports for local clusters. Probing by binding is racy (another process may take the port
// between our check and the master's bind), which is acceptable for development clusters and
// tests: the master then fails loudly with "cannot listen".
import { createServer } from 'node:net';

/**
 * Ports this process handed out lately: the OS may offer one again as soon as its probe is
 * closed, and two members of one cluster given the same port (it happened: etcd refused "has
 * duplicate url" in CI) fail to start. Each is kept for HANDED_OUT_MS.
 */
const handedOut = new Map<number, number>();
const HANDED_OUT_MS = 60_000;

/** A port the OS considers free on 127.0.0.1 right now, and not handed out by this process in the last minute. */
export async function freePort(): Promise<number> {
  const now = Date.now();
  for (const [port, at] of handedOut) if (now - at > HANDED_OUT_MS) handedOut.delete(port);
  for (let attempt = 0; ; attempt++) {
    const port = await probePort();
    if (!handedOut.has(port) || attempt >= 50) {
      handedOut.set(port, Date.now());
      return port;
    }
  }
}

function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not read the probe port'))));
    });
  });
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
