// IPv4 CIDR arithmetic for the pod network: parse "10.244.1.0/24", the n-th address of a
// block, membership. Addresses are handled as unsigned 32-bit numbers.

export interface Ipv4Cidr {
  /** The network address (host bits cleared), as a number. */
  network: number;
  prefix: number;
  /** Number of addresses in the block (2^(32-prefix)). */
  size: number;
}

export function parseIpv4(text: string): number {
  const parts = text.trim().split('.');
  if (parts.length !== 4) throw new Error(`not an IPv4 address: ${JSON.stringify(text)}`);
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new Error(`not an IPv4 address: ${JSON.stringify(text)}`);
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCidr(text: string): Ipv4Cidr {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) throw new Error(`not an IPv4 CIDR: ${JSON.stringify(text)}`);
  const prefix = Number(m[2]);
  if (prefix < 0 || prefix > 32) throw new Error(`bad prefix length in ${JSON.stringify(text)}`);
  const size = 2 ** (32 - prefix);
  const addr = parseIpv4(m[1]);
  return { network: addr - (addr % size), prefix, size };
}

export function formatCidr(c: Ipv4Cidr): string {
  return `${formatIpv4(c.network)}/${c.prefix}`;
}

/** The i-th address of the block (0 = network address). */
export function nthAddress(c: Ipv4Cidr, i: number): string {
  if (i < 0 || i >= c.size) throw new Error(`address #${i} is outside ${formatCidr(c)}`);
  return formatIpv4(c.network + i);
}

/** Index of `ip` inside the block, or -1. */
export function indexInCidr(c: Ipv4Cidr, ip: string): number {
  let n: number;
  try {
    n = parseIpv4(ip);
  } catch {
    return -1;
  }
  const i = n - c.network;
  return i >= 0 && i < c.size ? i : -1;
}
