// ConfigMaps and Secrets: keys, sizes, base64 data, Secret types, immutability.
import { asObj, boolAt, configKeyError, deepEqual, isUnset, key, mapAt, setDefault, setKey, strAt, type Obj } from './common.ts';
import type { FieldErrors } from './field-errors.ts';

/** Kubernetes' limit on a ConfigMap's or Secret's data (1 MiB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const SIZE_REASON = `total size of the data must be no more than ${MAX_CONFIG_BYTES} bytes`;
const IMMUTABLE_REASON = 'field is immutable when `immutable` is set';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard (padded) base64, as Go's encoding/json reads []byte. */
export function base64Error(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a base64-encoded string';
  return BASE64.test(s) ? undefined : 'must be valid base64 (standard alphabet, with padding)';
}

const base64Bytes = (s: string): number => Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function validateKeys(entries: [string, unknown][], path: string, e: FieldErrors): void {
  for (const [k] of entries) {
    const err = configKeyError(k);
    if (err) e.add(key(path, k), err);
  }
}

function checkImmutable(obj: Obj, old: Obj | undefined, e: FieldErrors, fields: string[]): void {
  if (!old || old.immutable !== true) return;
  if (obj.immutable !== true) e.add('immutable', IMMUTABLE_REASON);
  for (const f of fields) if (!deepEqual(obj[f] ?? {}, old[f] ?? {})) e.add(f, IMMUTABLE_REASON);
}

// ---- ConfigMap ----------------------------------------------------------------------------

export function defaultConfigMap(_obj: Obj): void {}

export function validateConfigMap(obj: Obj, e: FieldErrors, old?: Obj): void {
  const data = mapAt(obj.data, 'data', e);
  const binary = mapAt(obj.binaryData, 'binaryData', e);
  validateKeys(data, 'data', e);
  validateKeys(binary, 'binaryData', e);
  let size = 0;
  const dataKeys = new Set<string>();
  for (const [k, v] of data) {
    dataKeys.add(k);
    if (typeof v !== 'string') e.add(key('data', k), 'must be a string');
    else size += k.length + utf8Bytes(v);
  }
  for (const [k, v] of binary) {
    if (dataKeys.has(k)) e.add(key('binaryData', k), 'duplicate of key present in data');
    const err = base64Error(v);
    if (err) e.add(key('binaryData', k), err);
    else size += k.length + base64Bytes(v as string);
  }
  if (size > MAX_CONFIG_BYTES) e.add('data', SIZE_REASON);
  boolAt(obj.immutable, 'immutable', e);
  checkImmutable(obj, old, e, ['data', 'binaryData']);
}

// ---- Secret -------------------------------------------------------------------------------

export const SECRET_TYPE_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

/** type Opaque; stringData merged into data (base64), overriding data's keys, then dropped. */
export function defaultSecret(obj: Obj): void {
  setDefault(obj, 'type', 'Opaque');
  const sd = asObj(obj.stringData);
  if (!sd) return;
  if (obj.data === undefined || obj.data === null) obj.data = {};
  const data = asObj(obj.data);
  if (!data) return; // left for validation to report
  if (Object.values(sd).some((v) => typeof v !== 'string')) return; // left for validation to report
  for (const [k, v] of Object.entries(sd)) setKey(data, k, Buffer.from(v as string, 'utf8').toString('base64'));
  delete obj.stringData;
}

export function validateSecret(obj: Obj, e: FieldErrors, old?: Obj): void {
  const data = mapAt(obj.data, 'data', e);
  const stringData = mapAt(obj.stringData, 'stringData', e);
  validateKeys(data, 'data', e);
  validateKeys(stringData, 'stringData', e);
  let size = 0;
  const decoded = new Map<string, string>();
  for (const [k, v] of data) {
    const err = base64Error(v);
    if (err) e.add(key('data', k), err);
    else {
      size += k.length + base64Bytes(v as string);
      decoded.set(k, v as string);
    }
  }
  for (const [k, v] of stringData) {
    if (typeof v !== 'string') e.add(key('stringData', k), 'must be a string');
    else {
      size += k.length + utf8Bytes(v);
      decoded.set(k, Buffer.from(v, 'utf8').toString('base64'));
    }
  }
  if (size > MAX_CONFIG_BYTES) e.add('data', SIZE_REASON);

  const type = strAt(obj.type, 'type', e);
  const has = (k: string) => decoded.has(k);
  if (type === 'kubernetes.io/service-account-token') {
    const ann = asObj(asObj(obj.metadata)?.annotations);
    if (!ann || isUnset(ann['kubernetes.io/service-account.name'])) e.add('metadata.annotations[kubernetes.io/service-account.name]', 'required');
  } else if (type === 'kubernetes.io/basic-auth') {
    if (!has('username') && !has('password')) e.add('data[username]', 'required (or data[password])');
  } else if (type !== undefined && Object.hasOwn(SECRET_TYPE_KEYS, type)) {
    for (const k of SECRET_TYPE_KEYS[type]) if (!has(k)) e.add(key('data', k), 'required');
  }
  if (type === 'kubernetes.io/dockercfg' || type === 'kubernetes.io/dockerconfigjson') {
    const k = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
    const v = decoded.get(k);
    if (v !== undefined) {
      try {
        JSON.parse(Buffer.from(v, 'base64').toString('utf8'));
      } catch {
        e.add(key('data', k), 'must be valid JSON');
      }
    }
  }
  boolAt(obj.immutable, 'immutable', e);
  if (old) {
    const oldType = isUnset(old.type) ? 'Opaque' : old.type;
    const newType = isUnset(obj.type) ? 'Opaque' : obj.type;
    if (oldType !== newType) e.add('type', 'field is immutable');
  }
  checkImmutable(obj, old, e, ['data']);
  if (old?.immutable === true && Object.keys(asObj(obj.stringData) ?? {}).length > 0) e.add('stringData', IMMUTABLE_REASON);
}
