// Node selectors and node affinity terms against a node (labels and the metadata.name field).

import { matches, type Requirement } from '../labels.ts';
import type { Obj } from './framework.ts';
import { asList } from './resources.ts';

const OPS: Record<string, Requirement['op']> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!exists',
  Gt: 'gt',
  Lt: 'lt',
};

/**
 * One NodeSelectorRequirement as a label Requirement, or undefined when it cannot match
 * (unknown operator, In/NotIn without values, Gt/Lt without exactly one integer value), which
 * makes its whole term fail, as in Kubernetes.
 */
function requirement(e: Obj, fields: boolean): Requirement | undefined {
  const op = OPS[e?.operator as string];
  if (!op || typeof e?.key !== 'string') return undefined;
  const values = Array.isArray(e.values) ? e.values.map(String) : [];
  if (fields) {
    // Only metadata.name, only In / NotIn with values.
    if (e.key !== 'metadata.name' || (op !== 'in' && op !== 'notin') || values.length === 0) return undefined;
  }
  if ((op === 'in' || op === 'notin') && values.length === 0) return undefined;
  if ((op === 'exists' || op === '!exists') && values.length > 0) return undefined;
  if ((op === 'gt' || op === 'lt') && (values.length !== 1 || !/^[+-]?\d+$/.test(values[0]))) return undefined;
  return { key: e.key, op, values };
}

/**
 * Whether a NodeSelectorTerm matches the node: every matchExpressions requirement on its
 * labels and every matchFields requirement on its fields. A term with no requirement at all
 * matches nothing.
 */
export function nodeSelectorTermMatches(term: Obj, node: Obj): boolean {
  const exprs = asList(term?.matchExpressions);
  const fields = asList(term?.matchFields);
  if (exprs.length === 0 && fields.length === 0) return false;
  const labelReqs: Requirement[] = [];
  for (const e of exprs) {
    const r = requirement(e, false);
    if (!r) return false;
    labelReqs.push(r);
  }
  const fieldReqs: Requirement[] = [];
  for (const e of fields) {
    const r = requirement(e, true);
    if (!r) return false;
    fieldReqs.push(r);
  }
  if (!matches(labelReqs, nodeLabels(node))) return false;
  return matches(fieldReqs, { 'metadata.name': String(node?.metadata?.name ?? '') });
}

/** Whether any of the terms matches (the terms are ORed); no terms match nothing. */
export function nodeSelectorTermsMatch(terms: unknown, node: Obj): boolean {
  return asList(terms).some((t) => nodeSelectorTermMatches(t, node));
}

export function nodeLabels(node: Obj): Record<string, string> {
  const l = node?.metadata?.labels;
  return l !== null && typeof l === 'object' ? l : {};
}

/**
 * Whether the node satisfies the pod's spec.nodeSelector (every key equal) and its required
 * node affinity (some term matches), when they are given.
 */
export function podMatchesNodeSelectorAndAffinity(pod: Obj, node: Obj): boolean {
  const sel = pod?.spec?.nodeSelector;
  if (sel !== null && typeof sel === 'object') {
    const labels = nodeLabels(node);
    for (const [k, v] of Object.entries(sel)) {
      if (!Object.hasOwn(labels, k) || labels[k] !== String(v)) return false;
    }
  }
  const required = pod?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== null && required !== undefined) {
    if (!nodeSelectorTermsMatch(required.nodeSelectorTerms, node)) return false;
  }
  return true;
}
