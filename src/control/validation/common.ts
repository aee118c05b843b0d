// Small checks shared by the per-kind validators. Every helper accepts any JSON value where a
// field is expected and reports a wrong shape instead of throwing: the schema check normally
// runs first, but a validator must never throw on what it is given.
import { dns1123LabelError, labelKeyError, labelSelectorErrors, labelValueError, qualifiedNameError } from '../labels.ts';
import { QuantityError, parseQuantity } from '../quantity.ts';
import type { FieldErrors } from './field-errors.ts';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** v if it is an object, else undefined (no report). */
export const asObj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
/** v if it is a list, else [] (no report). */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Unset in Kubernetes' sense: absent, null or the empty string. */
export const isUnset = (v: unknown): boolean => v === undefined || v === null || v === '';

export const key = (path: string, k: string): string => `${path}[${k}]`;

/** The object at a field; reports `must be an object` for any other value. */
export function objAt(v: unknown, path: string, e: FieldErrors, required = false): Obj | undefined {
  if (v === undefined || v === null) {
    if (required) e.add(path, 'required');
    return undefined;
  }
  if (!isObj(v)) {
    e.add(path, 'must be an object');
    return undefined;
  }
  return v;
}

/** The list at a field ([] when absent); reports `must be a list` for any other value. */
export function listAt(v: unknown, path: string, e: FieldErrors): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    e.add(path, 'must be a list');
    return [];
  }
  return v;
}

/** The entries of a map field ([] when absent). */
export function mapAt(v: unknown, path: string, e: FieldErrors): [string, unknown][] {
  const o = objAt(v, path, e);
  return o ? Object.entries(o) : [];
}

export function strAt(v: unknown, path: string, e: FieldErrors, required = false): string | undefined {
  if (isUnset(v)) {
    if (required) e.add(path, 'required');
    return undefined;
  }
  if (typeof v !== 'string') {
    e.add(path, 'must be a string');
    return undefined;
  }
  return v;
}

export function boolAt(v: unknown, path: string, e: FieldErrors): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    e.add(path, 'must be true or false');
    return undefined;
  }
  return v;
}

export function rangeReason(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  if (min !== undefined) return `must be greater than or equal to ${min}`;
  return `must be less than or equal to ${max}`;
}

/** An integer field, optionally bounded; returns it when it is a valid integer. */
export function intAt(v: unknown, path: string, e: FieldErrors, opts: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
  if (v === undefined || v === null) {
    if (opts.required) e.add(path, 'required');
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    e.add(path, 'must be an integer');
    return undefined;
  }
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
    e.add(path, rangeReason(opts.min, opts.max));
    return undefined;
  }
  return v;
}

export function unsupported(v: unknown, allowed: readonly string[]): string {
  return `unsupported value ${JSON.stringify(v)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`;
}

/** One of a set of strings. Unset passes unless required. */
export function enumAt<T extends string>(v: unknown, path: string, e: FieldErrors, allowed: readonly T[], required = false): T | undefined {
  if (isUnset(v)) {
    if (required) e.add(path, 'required');
    return undefined;
  }
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    e.add(path, unsupported(v, allowed));
    return undefined;
  }
  return v as T;
}

/** A string field checked by a syntax function from ../labels.ts (or alike). */
export function syntaxAt(v: unknown, path: string, e: FieldErrors, check: (s: string) => string | undefined, required = false): string | undefined {
  const s = strAt(v, path, e, required);
  if (s === undefined) return undefined;
  const err = check(s);
  if (err) {
    e.add(path, err);
    return undefined;
  }
  return s;
}

/** A map of labels (keys and values in label syntax). */
export function labelsAt(v: unknown, path: string, e: FieldErrors): void {
  for (const [k, val] of mapAt(v, path, e)) {
    const ke = labelKeyError(k);
    if (ke) e.add(key(path, k), `key: ${ke}`);
    const ve = labelValueError(val);
    if (ve) e.add(key(path, k), `value ${JSON.stringify(val)}: ${ve}`);
  }
}

/** A LabelSelector object (matchLabels, matchExpressions). */
export function selectorAt(v: unknown, path: string, e: FieldErrors): void {
  for (const err of labelSelectorErrors(v)) e.add(err.path ? `${path}.${err.path}` : path, err.reason);
}

/** Whether a LabelSelector object selects nothing in particular ({} or only empty parts). */
export function selectorIsEmpty(v: unknown): boolean {
  const s = asObj(v);
  if (!s) return true;
  const ml = asObj(s.matchLabels);
  return (!ml || Object.keys(ml).length === 0) && asList(s.matchExpressions).length === 0;
}

/** A quantity (string or number); returns its value when valid. */
export function quantityAt(v: unknown, path: string, e: FieldErrors, opts: { nonNegative?: boolean; positive?: boolean; required?: boolean } = {}): number | undefined {
  if (isUnset(v)) {
    if (opts.required) e.add(path, 'required');
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') {
    e.add(path, 'must be a quantity (e.g. "250m", "128Mi", "1")');
    return undefined;
  }
  let q: number;
  try {
    q = parseQuantity(v);
  } catch (err) {
    e.add(path, err instanceof QuantityError ? err.message : 'invalid quantity');
    return undefined;
  }
  if (opts.nonNegative && q < 0) {
    e.add(path, 'must be greater than or equal to 0');
    return undefined;
  }
  if (opts.positive && q <= 0) {
    e.add(path, 'must be greater than 0');
    return undefined;
  }
  return q;
}

// ---------------------------------------------------------------------------------------------
// Names and addresses.

/** IANA_SVC_NAME: a port name (<= 15, lowercase alphanumerics and '-', at least one letter). */
export function ianaSvcNameError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(s)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (s.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(s)) return 'must contain at least one letter (a-z)';
  if (s.startsWith('-') || s.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** Environment variable names: printable ASCII other than '=' (Kubernetes' relaxed rule). */
export function envVarNameError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length === 0) return 'must not be empty';
  if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(s)) return "a valid environment variable name must consist only of printable ASCII characters other than '='";
  return undefined;
}

/** ConfigMap and Secret keys, also keys of items in configMap/secret volumes. */
export function configKeyError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length > 253) return 'must be no more than 253 characters';
  if (!/^[-._a-zA-Z0-9]+$/.test(s)) return "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  if (s === '.') return "must not be '.'";
  if (s === '..') return "must not be '..'";
  if (s.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/** Resource names in requests/limits/capacity: a standard name or a qualified name. */
export function resourceNameError(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  const q = qualifiedNameError(s);
  if (q) return q;
  if (!s.includes('/') && !['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods'].includes(s) && !s.startsWith('hugepages-')) {
    return 'must be a standard resource type (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified (e.g. example.com/gpu)';
  }
  return undefined;
}

export type ParsedIP = { family: 4 | 6; n: bigint };

const V4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const V4 = new RegExp(`^${V4_OCTET}(\\.${V4_OCTET}){3}$`);

const v4Value = (s: string): bigint => s.split('.').reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);

function hexGroups(h: string): bigint[] | undefined {
  if (h === '') return [];
  const out: bigint[] = [];
  for (const g of h.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(BigInt(`0x${g}`));
  }
  return out;
}

function parseIPv6(s: string): bigint | undefined {
  let body = s;
  let quad: bigint[] = [];
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // A trailing dotted quad stands for the last two groups.
    if (!V4.test(last)) return undefined;
    const n = v4Value(last);
    quad = [n >> 16n, n & 0xffffn];
    body = s.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  let all: bigint[];
  if (halves.length === 1) {
    const g = hexGroups(halves[0]);
    if (!g) return undefined;
    all = [...g, ...quad];
    if (all.length !== 8) return undefined;
  } else {
    const head = hexGroups(halves[0]);
    const tail = hexGroups(halves[1]);
    if (!head || !tail) return undefined;
    const right = [...tail, ...quad];
    if (head.length + right.length > 7) return undefined;
    all = [...head, ...Array<bigint>(8 - head.length - right.length).fill(0n), ...right];
  }
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIP(s: unknown): ParsedIP | undefined {
  if (typeof s !== 'string') return undefined;
  if (V4.test(s)) return { family: 4, n: v4Value(s) };
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const n = parseIPv6(s);
  return n === undefined ? undefined : { family: 6, n };
}

export function ipv4Error(s: unknown): string | undefined {
  const ip = parseIP(s);
  return ip && ip.family === 4 ? undefined : 'must be a valid IPv4 address (e.g. 10.9.8.7)';
}

export function ipError(s: unknown): string | undefined {
  return parseIP(s) ? undefined : 'must be a valid IP address (e.g. 10.9.8.7 or 2001:db8::ffff)';
}

export type ParsedCIDR = { family: 4 | 6; n: bigint; bits: number };

export function parseCIDR(s: unknown): ParsedCIDR | undefined {
  if (typeof s !== 'string') return undefined;
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
  const bits = Number(p);
  if (bits > (ip.family === 4 ? 32 : 128)) return undefined;
  return { family: ip.family, n: ip.n, bits };
}

export function cidrError(s: unknown): string | undefined {
  return parseCIDR(s) ? undefined : 'must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)';
}

/** Whether b lies inside a (and, if strict, is smaller). */
export function cidrContains(a: ParsedCIDR, b: ParsedCIDR, strict: boolean): boolean {
  if (a.family !== b.family) return false;
  const width = a.family === 4 ? 32 : 128;
  if (b.bits < a.bits || (strict && b.bits === a.bits)) return false;
  const shift = BigInt(width - a.bits);
  return a.n >> shift === b.n >> shift;
}

/** A port given by number or by IANA_SVC_NAME (an IntOrString). */
export function portNumOrNameAt(v: unknown, path: string, e: FieldErrors, required = true): number | string | undefined {
  if (isUnset(v) || v === 0) {
    if (required) e.add(path, 'required');
    return undefined;
  }
  if (typeof v === 'number') return intAt(v, path, e, { min: 1, max: 65535 });
  if (typeof v === 'string') {
    const err = ianaSvcNameError(v);
    if (err) {
      e.add(path, err);
      return undefined;
    }
    return v;
  }
  e.add(path, 'must be a port number or a port name');
  return undefined;
}

/** An int-or-percent field (maxSurge "25%", or 1): a non-negative integer or "N%". */
export function intOrPercentAt(v: unknown, path: string, e: FieldErrors): { value: number; percent: boolean } | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    const n = intAt(v, path, e, { min: 0 });
    return n === undefined ? undefined : { value: n, percent: false };
  }
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return { value: Number(v.slice(0, -1)), percent: true };
  e.add(path, "must be a non-negative integer or a percentage (e.g. '25%')");
  return undefined;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}

/** The first path where two JSON values differ ('' when they differ at the root). */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (deepEqual(a, b)) return undefined;
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d !== undefined) return d;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
  }
  return path;
}

/** A JSON deep copy. */
export const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** o[k] = v for a key from user data, as an own property even for '__proto__'. */
export function setKey(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Sets o[k] to v when it is unset (absent, null or ''). */
export function setDefault(o: Obj, k: string, v: unknown): void {
  if (isUnset(o[k])) o[k] = v;
}

/** For maps of label-ish keys from a dns1123 label check (container names, volume names ...). */
export function dnsLabelAt(v: unknown, path: string, e: FieldErrors, required = true): string | undefined {
  return syntaxAt(v, path, e, dns1123LabelError, required);
}

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** A "must be a valid path" check for relative paths inside volumes. */
export function relativePathError(s: string): string | undefined {
  if (s.startsWith('/')) return 'must be a relative path';
  if (s.split('/').includes('..')) return "must not contain '..'";
  return undefined;
}
