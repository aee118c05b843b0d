// Services and Endpoints.
import { dns1123LabelError, dns1123SubdomainError } from '../labels.ts';
import {
  PROTOCOLS,
  asList,
  asObj,
  asStr,
  boolAt,
  enumAt,
  intAt,
  ipError,
  ipv4Error,
  isUnset,
  labelsAt,
  listAt,
  objAt,
  parseIP,
  portNumOrNameAt,
  setDefault,
  strAt,
  syntaxAt,
  unsupported,
  type Obj,
} from './common.ts';
import type { FieldErrors } from './field-errors.ts';

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

export interface ServiceOptions {
  /** The NodePort range, inclusive (default 30000-32767). */
  nodePortRange?: { min: number; max: number };
}

export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 };
const DEFAULT_AFFINITY_TIMEOUT = 10800;
const MAX_AFFINITY_TIMEOUT = 86400;

export function defaultService(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    if (spec.sessionAffinityConfig === undefined || spec.sessionAffinityConfig === null) spec.sessionAffinityConfig = {};
    const sac = asObj(spec.sessionAffinityConfig);
    if (sac) {
      if (sac.clientIP === undefined || sac.clientIP === null) sac.clientIP = {};
      const cip = asObj(sac.clientIP);
      if (cip && (cip.timeoutSeconds === undefined || cip.timeoutSeconds === null)) cip.timeoutSeconds = DEFAULT_AFFINITY_TIMEOUT;
    }
  }
  for (const p of asList(spec.ports)) {
    const port = asObj(p);
    if (!port) continue;
    setDefault(port, 'protocol', 'TCP');
    if ((isUnset(port.targetPort) || port.targetPort === 0) && port.port !== undefined) port.targetPort = port.port;
  }
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    if (asList(spec.ipFamilies).length === 0 && (spec.ipFamilies === undefined || spec.ipFamilies === null || Array.isArray(spec.ipFamilies))) spec.ipFamilies = ['IPv4'];
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    if (!isUnset(spec.clusterIP) && (spec.clusterIPs === undefined || spec.clusterIPs === null)) spec.clusterIPs = [spec.clusterIP];
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && isUnset(spec.externalTrafficPolicy)) spec.externalTrafficPolicy = 'Cluster';
}

/**
 * On update, values the server allocated are kept when the new object leaves them out (a
 * replaced manifest without clusterIP or nodePort), as Kubernetes does. Call before validation.
 */
export function defaultServiceUpdate(obj: Obj, old: Obj): void {
  const spec = asObj(obj.spec);
  const os = asObj(old.spec);
  if (!spec || !os) return;
  if (spec.type !== 'ExternalName' && os.type !== 'ExternalName') {
    if (isUnset(spec.clusterIP) && !isUnset(os.clusterIP)) spec.clusterIP = os.clusterIP;
    if ((spec.clusterIPs === undefined || spec.clusterIPs === null || asList(spec.clusterIPs).length === 0) && os.clusterIPs !== undefined) spec.clusterIPs = os.clusterIPs;
  }
  const needsNodePorts = (t: unknown) => t === 'NodePort' || t === 'LoadBalancer';
  if (needsNodePorts(spec.type) && needsNodePorts(os.type)) {
    const oldPorts = asList(os.ports).map(asObj);
    for (const p of asList(spec.ports)) {
      const port = asObj(p);
      if (!port || !(isUnset(port.nodePort) || port.nodePort === 0)) continue;
      const same = oldPorts.find((o) => o && o.port === port.port && (o.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (same && !isUnset(same.nodePort)) port.nodePort = same.nodePort;
    }
  }
}

export function validateService(obj: Obj, e: FieldErrors, old?: Obj, opts: ServiceOptions = {}): void {
  const range = opts.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const spec = objAt(obj.spec, 'spec', e, true);
  if (!spec) return;
  const type = enumAt(spec.type, 'spec.type', e, SERVICE_TYPES) ?? (isUnset(spec.type) ? 'ClusterIP' : undefined);
  const clusterIP = asStr(spec.clusterIP) ?? '';
  const headless = clusterIP === 'None';

  if (!isUnset(spec.clusterIP) && !headless) syntaxAt(spec.clusterIP, 'spec.clusterIP', e, ipv4Error);
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) e.add('spec.clusterIP', "may not be set to 'None' for LoadBalancer or NodePort services");
  const clusterIPs = listAt(spec.clusterIPs, 'spec.clusterIPs', e);
  if (type === 'ExternalName') {
    if (!isUnset(spec.clusterIP)) e.add('spec.clusterIP', 'may not be set for ExternalName services');
    if (clusterIPs.length > 0) e.add('spec.clusterIPs', 'may not be set for ExternalName services');
    const name = strAt(spec.externalName, 'spec.externalName', e, true);
    if (name !== undefined) {
      const err = dns1123SubdomainError(name.endsWith('.') ? name.slice(0, -1) : name);
      if (err) e.add('spec.externalName', err);
    }
  } else if (clusterIPs.length > 0) {
    if (clusterIPs[0] !== (isUnset(spec.clusterIP) ? clusterIPs[0] : spec.clusterIP)) e.add('spec.clusterIPs[0]', 'must be the same as `clusterIP`');
    if (clusterIPs.length > 2) e.add('spec.clusterIPs', 'may have at most 2 entries');
    clusterIPs.forEach((ip, i) => {
      // The first mirrors clusterIP, already checked.
      if (ip !== 'None' && !(i === 0 && ip === spec.clusterIP)) syntaxAt(ip, `spec.clusterIPs[${i}]`, e, ipError, true);
    });
  }

  const ports = listAt(spec.ports, 'spec.ports', e);
  if (ports.length === 0 && !headless && type !== 'ExternalName' && (spec.ports === undefined || spec.ports === null || Array.isArray(spec.ports))) {
    e.add('spec.ports', 'required');
  }
  const names = new Set<string>();
  const portProtos = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    const port = objAt(p, path, e);
    if (!port) return;
    if (isUnset(port.name)) {
      if (ports.length > 1) e.add(`${path}.name`, 'required');
    } else {
      const name = syntaxAt(port.name, `${path}.name`, e, dns1123LabelError);
      if (name !== undefined) {
        if (names.has(name)) e.add(`${path}.name`, `duplicate value "${name}"`);
        names.add(name);
      }
    }
    const num = intAt(port.port === 0 ? undefined : port.port, `${path}.port`, e, { min: 1, max: 65535, required: true });
    const proto = enumAt(port.protocol, `${path}.protocol`, e, PROTOCOLS) ?? (isUnset(port.protocol) ? 'TCP' : undefined);
    if (num !== undefined && proto !== undefined) {
      const id = `${num}/${proto}`;
      if (portProtos.has(id)) e.add(`${path}`, `duplicate value "${id}"`);
      portProtos.add(id);
    }
    if (!isUnset(port.targetPort) && port.targetPort !== 0) portNumOrNameAt(port.targetPort, `${path}.targetPort`, e);
    if (!isUnset(port.nodePort) && port.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') e.add(`${path}.nodePort`, `may not be used when \`type\` is '${type ?? String(spec.type)}'`);
      else {
        const np = intAt(port.nodePort, `${path}.nodePort`, e, { min: range.min, max: range.max });
        if (np !== undefined && proto !== undefined) {
          const id = `${np}/${proto}`;
          if (nodePorts.has(id)) e.add(`${path}.nodePort`, `duplicate value "${id}"`);
          nodePorts.add(id);
        }
      }
    }
    if (!isUnset(port.appProtocol)) strAt(port.appProtocol, `${path}.appProtocol`, e);
  });

  labelsAt(spec.selector, 'spec.selector', e);
  const affinity = enumAt(spec.sessionAffinity, 'spec.sessionAffinity', e, ['None', 'ClientIP']);
  const sac = objAt(spec.sessionAffinityConfig, 'spec.sessionAffinityConfig', e);
  const cip = sac ? objAt(sac.clientIP, 'spec.sessionAffinityConfig.clientIP', e) : undefined;
  if (affinity === 'ClientIP' && cip) {
    intAt(cip.timeoutSeconds, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', e, { min: 1, max: MAX_AFFINITY_TIMEOUT });
  } else if (affinity !== 'ClientIP' && cip) {
    e.add('spec.sessionAffinityConfig', 'must not be set when session affinity is None');
  }
  if (!isUnset(spec.externalTrafficPolicy)) {
    if (type !== 'NodePort' && type !== 'LoadBalancer') e.add('spec.externalTrafficPolicy', 'may only be set for externally-accessible services (NodePort, LoadBalancer)');
    else enumAt(spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', e, ['Cluster', 'Local']);
  }
  enumAt(spec.internalTrafficPolicy, 'spec.internalTrafficPolicy', e, ['Cluster', 'Local']);
  const families = listAt(spec.ipFamilies, 'spec.ipFamilies', e);
  families.forEach((f, i) => enumAt(f, `spec.ipFamilies[${i}]`, e, ['IPv4', 'IPv6'], true));
  if (families.length > 2) e.add('spec.ipFamilies', 'may have at most 2 entries');
  if (families.length === 2 && families[0] === families[1]) e.add('spec.ipFamilies[1]', `duplicate value ${JSON.stringify(families[1])}`);
  enumAt(spec.ipFamilyPolicy, 'spec.ipFamilyPolicy', e, ['SingleStack', 'PreferDualStack', 'RequireDualStack']);
  listAt(spec.externalIPs, 'spec.externalIPs', e).forEach((ip, i) => syntaxAt(ip, `spec.externalIPs[${i}]`, e, ipError, true));
  boolAt(spec.publishNotReadyAddresses, 'spec.publishNotReadyAddresses', e);
  if (!isUnset(spec.healthCheckNodePort) && spec.healthCheckNodePort !== 0) {
    if (type !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local') e.add('spec.healthCheckNodePort', 'may only be set when `type` is LoadBalancer and `externalTrafficPolicy` is Local');
    else intAt(spec.healthCheckNodePort, 'spec.healthCheckNodePort', e, { min: 1, max: 65535 });
  }

  if (old) {
    const os = asObj(old.spec);
    const oldIP = asStr(os?.clusterIP) ?? '';
    // Once allocated (or set to None), clusterIP stays, unless the service becomes an ExternalName.
    if (oldIP !== '' && type !== 'ExternalName' && clusterIP !== oldIP) e.add('spec.clusterIP', 'field is immutable');
  }
}

// ---- Endpoints ----------------------------------------------------------------------------

export function defaultEndpoints(obj: Obj): void {
  for (const s of asList(obj.subsets)) {
    for (const p of asList(asObj(s)?.ports)) {
      const port = asObj(p);
      if (port) setDefault(port, 'protocol', 'TCP');
    }
  }
}

function specialIPError(ip: string): string | undefined {
  const p = parseIP(ip);
  if (!p) return undefined;
  if (p.family === 4) {
    const a = Number(p.n >> 24n);
    const b = Number((p.n >> 16n) & 0xffn);
    const c = Number((p.n >> 8n) & 0xffn);
    if (p.n === 0n) return 'may not be unspecified (0.0.0.0)';
    if (a === 127) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
    if (a === 169 && b === 254) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
    if (a === 224 && b === 0 && c === 0) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  } else {
    if (p.n === 0n) return 'may not be unspecified (::)';
    if (p.n === 1n) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
    if (p.n >> 118n === 0x3fan) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
    if (p.n >> 112n === 0xff02n) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  }
  return undefined;
}

function validateEndpointAddress(a: unknown, path: string, e: FieldErrors): void {
  const addr = objAt(a, path, e);
  if (!addr) return;
  const ip = syntaxAt(addr.ip, `${path}.ip`, e, ipError, true);
  if (ip !== undefined) {
    const err = specialIPError(ip);
    if (err) e.add(`${path}.ip`, err);
  }
  if (!isUnset(addr.hostname)) syntaxAt(addr.hostname, `${path}.hostname`, e, dns1123LabelError);
  if (!isUnset(addr.nodeName)) syntaxAt(addr.nodeName, `${path}.nodeName`, e, dns1123SubdomainError);
  const ref = objAt(addr.targetRef, `${path}.targetRef`, e);
  if (ref) strAt(ref.name, `${path}.targetRef.name`, e, true);
}

export function validateEndpoints(obj: Obj, e: FieldErrors, _old?: Obj): void {
  listAt(obj.subsets, 'subsets', e).forEach((s, i) => {
    const path = `subsets[${i}]`;
    const subset = objAt(s, path, e);
    if (!subset) return;
    const addrs = listAt(subset.addresses, `${path}.addresses`, e);
    const notReady = listAt(subset.notReadyAddresses, `${path}.notReadyAddresses`, e);
    if (addrs.length === 0 && notReady.length === 0) e.add(path, 'must specify `addresses` or `notReadyAddresses`');
    addrs.forEach((a, j) => validateEndpointAddress(a, `${path}.addresses[${j}]`, e));
    notReady.forEach((a, j) => validateEndpointAddress(a, `${path}.notReadyAddresses[${j}]`, e));
    // No ports is allowed: a headless service without ports lists its pods' addresses alone.
    const ports = listAt(subset.ports, `${path}.ports`, e);
    const names = new Set<string>();
    ports.forEach((p, j) => {
      const pp = `${path}.ports[${j}]`;
      const port = objAt(p, pp, e);
      if (!port) return;
      if (isUnset(port.name)) {
        if (ports.length > 1) e.add(`${pp}.name`, 'required');
      } else {
        const name = syntaxAt(port.name, `${pp}.name`, e, dns1123LabelError);
        if (name !== undefined) {
          if (names.has(name)) e.add(`${pp}.name`, `duplicate value "${name}"`);
          names.add(name);
        }
      }
      intAt(port.port === 0 ? undefined : port.port, `${pp}.port`, e, { min: 1, max: 65535, required: true });
      if (!isUnset(port.protocol) && !(PROTOCOLS as readonly unknown[]).includes(port.protocol)) e.add(`${pp}.protocol`, unsupported(port.protocol, PROTOCOLS));
    });
  });
}
