// Checks of metadata common to every kind: names, labels, annotations, owner references,
// finalizers. Kind-specific rules live in ../validation.
import { dns1123LabelError, dns1123SubdomainError, labelKeyError, labelValueError, nameError } from '../labels.ts';
import type { FieldError } from './api-errors.ts';
import type { KindSpec } from './kinds.ts';
import { isObject } from './schema.ts';

/** Kubernetes' limit on the total size of an object's annotations. */
const MAX_ANNOTATION_BYTES = 256 * 1024;
const GENERATE_NAME_SUFFIX = 5;
/** Kubernetes cuts a generateName prefix to this, so the generated name fits 63 characters. */
const MAX_GENERATE_NAME_PREFIX = 63 - GENERATE_NAME_SUFFIX;

export function checkName(spec: KindSpec, name: string): string | undefined {
  return nameError(spec.nameRule, name);
}

export function checkMetadata(spec: KindSpec, meta: Record<string, unknown>, errors: FieldError[]): void {
  const name = meta.name as string | undefined;
  const generateName = meta.generateName as string | undefined;
  if (!name) {
    if (!generateName) errors.push({ path: 'metadata.name', reason: 'required (or metadata.generateName)' });
    else {
      // The prefix must leave a valid name once the random suffix is added.
      const err = checkName(spec, `${generateName.slice(0, MAX_GENERATE_NAME_PREFIX)}${'x'.repeat(GENERATE_NAME_SUFFIX)}`);
      if (err) errors.push({ path: 'metadata.generateName', reason: err });
    }
  } else {
    const err = checkName(spec, name);
    if (err) errors.push({ path: 'metadata.name', reason: err });
  }
  if (spec.namespaced && typeof meta.namespace === 'string') {
    const err = dns1123LabelError(meta.namespace);
    if (err) errors.push({ path: 'metadata.namespace', reason: err });
  }
  if (isObject(meta.labels)) {
    for (const [k, v] of Object.entries(meta.labels)) {
      const ke = labelKeyError(k);
      if (ke) errors.push({ path: `metadata.labels[${k}]`, reason: `key: ${ke}` });
      const ve = labelValueError(String(v));
      if (ve) errors.push({ path: `metadata.labels[${k}]`, reason: `value ${JSON.stringify(v)}: ${ve}` });
    }
  }
  if (isObject(meta.annotations)) {
    let total = 0;
    for (const [k, v] of Object.entries(meta.annotations)) {
      const ke = labelKeyError(k);
      if (ke) errors.push({ path: `metadata.annotations[${k}]`, reason: `key: ${ke}` });
      total += k.length + String(v).length;
    }
    if (total > MAX_ANNOTATION_BYTES) errors.push({ path: 'metadata.annotations', reason: `may not be more than ${MAX_ANNOTATION_BYTES} bytes in total (is ${total})` });
  }
  if (Array.isArray(meta.ownerReferences)) {
    let controllers = 0;
    meta.ownerReferences.forEach((ref: Record<string, unknown>, i: number) => {
      for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
        if (!ref[f]) errors.push({ path: `metadata.ownerReferences[${i}].${f}`, reason: 'required' });
      }
      if (ref.controller === true) controllers++;
    });
    if (controllers > 1) errors.push({ path: 'metadata.ownerReferences', reason: 'only one reference can have controller set to true' });
  }
  if (Array.isArray(meta.finalizers)) {
    meta.finalizers.forEach((f: string, i: number) => {
      // Qualified names ("example.com/cleanup") or the built-in bare ones.
      const err = f.includes('/') ? labelKeyError(f) : ['kubernetes', 'orphan', 'foregroundDeletion'].includes(f) ? undefined : dns1123SubdomainError(f);
      if (err) errors.push({ path: `metadata.finalizers[${i}]`, reason: err });
    });
  }
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function generatedName(prefix: string): string {
  let s = prefix.slice(0, MAX_GENERATE_NAME_PREFIX);
  for (let i = 0; i < GENERATE_NAME_SUFFIX; i++) s += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return s;
}
