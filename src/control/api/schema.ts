// Checks a JSON object against its kind's message in proto/resources.proto, by reflection:
// every field must exist in the schema and hold the declared type. This is what rejects a
// misspelt field (`replica: 3`) or a wrong type (`replicas: "3"`) before any semantic check,
// with the path of each. The proto file's field names are the JSON names (see its header).
import path from 'node:path';
import protobuf from 'protobufjs';
import { PROTO_DIR } from '../../proto/proto-loader.ts';
import type { FieldError } from './api-errors.ts';

const PACKAGE = 'shoal.resources';
let root: protobuf.Root | undefined;

function resources(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  r.loadSync(path.join(PROTO_DIR, 'resources.proto'), { keepCase: true });
  r.resolveAll();
  root = r;
  return r;
}

/** The schema of a top-level kind or sub-object ("Pod", "Scale", "Binding"). */
export function schemaOf(kind: string): protobuf.Type {
  return resources().lookupType(`${PACKAGE}.${kind}`);
}

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  sint32: [-(2 ** 31), 2 ** 31 - 1],
  sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  fixed32: [0, 2 ** 32 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sint64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sfixed64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
  fixed64: [0, Number.MAX_SAFE_INTEGER],
};

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** Appends one error per field that is unknown or of the wrong type. */
export function checkShape(kind: string, obj: unknown, errors: FieldError[]): void {
  checkMessage(schemaOf(kind), obj, '', errors);
}

function checkMessage(type: protobuf.Type, v: unknown, at: string, errors: FieldError[]): void {
  if (type.name === 'IntOrString') {
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
      errors.push({ path: at, reason: `must be an integer or a string, not ${describe(v)}` });
    }
    return;
  }
  if (!isObject(v)) {
    errors.push({ path: at || '(object)', reason: `must be an object, not ${describe(v)}` });
    return;
  }
  for (const [key, value] of Object.entries(v)) {
    // Absent in JSON; an in-process caller may leave a key set to undefined.
    if (value === undefined) continue;
    const p = at ? `${at}.${key}` : key;
    const field = type.fields[key];
    if (!field) {
      errors.push({ path: p, reason: 'unknown field' });
      continue;
    }
    // null means "not set", as in Kubernetes' decoder.
    if (value === null) continue;
    if (field.map) {
      if (!isObject(value)) {
        errors.push({ path: p, reason: `must be a map, not ${describe(value)}` });
        continue;
      }
      for (const [mk, mv] of Object.entries(value)) checkValue(field, mv, `${p}[${mk}]`, errors);
    } else if (field.repeated) {
      if (!Array.isArray(value)) {
        errors.push({ path: p, reason: `must be a list, not ${describe(value)}` });
        continue;
      }
      value.forEach((el, i) => checkValue(field, el, `${p}[${i}]`, errors));
    } else {
      checkValue(field, value, p, errors);
    }
  }
}

function checkValue(field: protobuf.Field, v: unknown, at: string, errors: FieldError[]): void {
  if (field.resolvedType instanceof protobuf.Type) return checkMessage(field.resolvedType, v, at, errors);
  if (field.resolvedType instanceof protobuf.Enum) {
    if (typeof v !== 'string' || !(v in field.resolvedType.values)) {
      errors.push({ path: at, reason: `must be one of ${Object.keys(field.resolvedType.values).join(', ')}` });
    }
    return;
  }
  const range = INT_RANGES[field.type];
  if (range) {
    if (typeof v !== 'number' || !Number.isInteger(v)) errors.push({ path: at, reason: `must be an integer, not ${describe(v)}` });
    else if (v < range[0] || v > range[1]) errors.push({ path: at, reason: `must be between ${range[0]} and ${range[1]}` });
    return;
  }
  switch (field.type) {
    case 'string':
    case 'bytes':
      if (typeof v !== 'string') errors.push({ path: at, reason: `must be a string, not ${describe(v)}` });
      return;
    case 'bool':
      if (typeof v !== 'boolean') errors.push({ path: at, reason: `must be true or false, not ${describe(v)}` });
      return;
    case 'double':
    case 'float':
      if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ path: at, reason: `must be a number, not ${describe(v)}` });
      return;
    default:
      errors.push({ path: at, reason: `has a type the schema does not describe (${field.type})` });
  }
}
