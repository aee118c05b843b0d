// NetworkPolicy (networking.k8s.io/v1).
import { PROTOCOLS, asList, asObj, cidrContains, cidrError, enumAt, intAt, isUnset, listAt, objAt, parseCIDR, portNumOrNameAt, selectorAt, setDefault, strAt, type Obj } from './common.ts';
import type { FieldErrors } from './field-errors.ts';

/** policyTypes from what is given (Ingress always, Egress when there are egress rules); ports' protocol TCP. */
export function defaultNetworkPolicy(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  if (spec.policyTypes === undefined || spec.policyTypes === null || (Array.isArray(spec.policyTypes) && spec.policyTypes.length === 0)) {
    spec.policyTypes = asList(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const dir of ['ingress', 'egress'] as const) {
    for (const rule of asList(spec[dir])) {
      for (const p of asList(asObj(rule)?.ports)) {
        const port = asObj(p);
        if (port) setDefault(port, 'protocol', 'TCP');
      }
    }
  }
}

function validatePeer(p: unknown, path: string, e: FieldErrors): void {
  const peer = objAt(p, path, e);
  if (!peer) return;
  const has = (k: string) => peer[k] !== undefined && peer[k] !== null;
  if (!has('podSelector') && !has('namespaceSelector') && !has('ipBlock')) {
    e.add(path, 'must specify a peer');
    return;
  }
  if (has('ipBlock') && (has('podSelector') || has('namespaceSelector'))) {
    e.add(path, 'may not specify both ipBlock and another peer');
    return;
  }
  selectorAt(peer.podSelector, `${path}.podSelector`, e);
  selectorAt(peer.namespaceSelector, `${path}.namespaceSelector`, e);
  const block = objAt(peer.ipBlock, `${path}.ipBlock`, e);
  if (!block) return;
  const cidrText = strAt(block.cidr, `${path}.ipBlock.cidr`, e, true);
  const cidr = parseCIDR(cidrText);
  if (cidrText !== undefined && !cidr) e.add(`${path}.ipBlock.cidr`, cidrError(cidrText) as string);
  listAt(block.except, `${path}.ipBlock.except`, e).forEach((x, i) => {
    const ep = `${path}.ipBlock.except[${i}]`;
    const ex = parseCIDR(x);
    if (!ex) e.add(ep, cidrError(x) as string);
    else if (cidr && !cidrContains(cidr, ex, true)) e.add(ep, 'must be a strict subset of `cidr`');
  });
}

function validatePort(p: unknown, path: string, e: FieldErrors): void {
  const port = objAt(p, path, e);
  if (!port) return;
  enumAt(port.protocol, `${path}.protocol`, e, PROTOCOLS);
  const num = isUnset(port.port) ? undefined : portNumOrNameAt(port.port, `${path}.port`, e);
  if (port.endPort !== undefined && port.endPort !== null) {
    if (isUnset(port.port)) e.add(`${path}.endPort`, 'may not be specified when `port` is not specified');
    else if (typeof port.port === 'string') e.add(`${path}.endPort`, 'may not be specified when `port` is non-numeric');
    else {
      const end = intAt(port.endPort, `${path}.endPort`, e, { min: 1, max: 65535 });
      if (end !== undefined && typeof num === 'number' && end < num) e.add(`${path}.endPort`, 'must be greater than or equal to `port`');
    }
  }
}

export function validateNetworkPolicy(obj: Obj, e: FieldErrors, _old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e, true);
  if (!spec) return;
  if (spec.podSelector === undefined || spec.podSelector === null) e.add('spec.podSelector', 'required');
  else selectorAt(spec.podSelector, 'spec.podSelector', e);
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    listAt(spec[dir], `spec.${dir}`, e).forEach((r, i) => {
      const path = `spec.${dir}[${i}]`;
      const rule = objAt(r, path, e);
      if (!rule) return;
      listAt(rule.ports, `${path}.ports`, e).forEach((p, j) => validatePort(p, `${path}.ports[${j}]`, e));
      listAt(rule[peers], `${path}.${peers}`, e).forEach((p, j) => validatePeer(p, `${path}.${peers}[${j}]`, e));
    });
  }
  const types = listAt(spec.policyTypes, 'spec.policyTypes', e);
  if (types.length > 2) e.add('spec.policyTypes', 'may not have more than 2 entries');
  const seen = new Set<string>();
  types.forEach((t, i) => {
    const v = enumAt(t, `spec.policyTypes[${i}]`, e, ['Ingress', 'Egress'], true);
    if (v !== undefined) {
      if (seen.has(v)) e.add(`spec.policyTypes[${i}]`, `duplicate value "${v}"`);
      seen.add(v);
    }
  });
}
