// Peer and client URLs in etcd's form. Only plain http:// for now (no TLS yet); the host is
// used as written, so loopback, a sandbox namespace's address or a name all work.

export class UrlError extends Error {
  override readonly name = 'UrlError';
}

export interface HttpUrl {
  /** Normalized "http://host:port". */
  url: string;
  /** "host:port" as a gRPC target or bind address. */
  hostPort: string;
  hostname: string;
  port: number;
}

export function parseHttpUrl(raw: string): HttpUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UrlError(`"${raw}" is not a URL (want http://host:port)`);
  }
  if (u.protocol === 'https:') throw new UrlError(`"${raw}": https is not supported yet (want http://host:port)`);
  if (u.protocol !== 'http:') throw new UrlError(`"${raw}": scheme must be http (want http://host:port)`);
  if (u.username || u.password) throw new UrlError(`"${raw}": credentials in the URL are not supported`);
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) throw new UrlError(`"${raw}": must have no path, query or fragment`);
  // URL drops a port equal to the scheme's default, so check the text for an explicit one.
  if (u.port === '' && !/:80\/?$/.test(raw)) throw new UrlError(`"${raw}": needs an explicit port`);
  const port = u.port === '' ? 80 : Number(u.port);
  if (port === 0) throw new UrlError(`"${raw}": port 0 cannot be dialled; give a real port`);
  const hostPort = `${u.hostname}:${port}`;
  return { url: `http://${hostPort}`, hostPort, hostname: u.hostname, port };
}

/** "a,b,c" -> parsed URLs; at least one. */
export function parseUrlList(raw: string): HttpUrl[] {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new UrlError(`"${raw}": empty entry in the list`);
  return parts.map(parseHttpUrl);
}

export function isUnspecifiedHost(hostname: string): boolean {
  return hostname === '0.0.0.0' || hostname === '[::]';
}
