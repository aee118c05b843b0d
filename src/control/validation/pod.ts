// Pods and pod templates: defaults and semantic checks of the pod spec (containers, ports,
// env, resources, probes, volumes, scheduling fields), and what a pod update may change.
import { dns1123LabelError, dns1123SubdomainError, labelKeyError, labelValueError, qualifiedNameError } from '../labels.ts';
import {
  PROTOCOLS,
  asList,
  asObj,
  asStr,
  boolAt,
  clone,
  configKeyError,
  deepEqual,
  dnsLabelAt,
  enumAt,
  envVarNameError,
  firstDifference,
  ianaSvcNameError,
  intAt,
  ipError,
  isObj,
  isUnset,
  key,
  labelsAt,
  listAt,
  mapAt,
  objAt,
  portNumOrNameAt,
  quantityAt,
  relativePathError,
  resourceNameError,
  selectorAt,
  setDefault,
  setKey,
  strAt,
  syntaxAt,
  unsupported,
  type Obj,
} from './common.ts';
import type { FieldErrors } from './field-errors.ts';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
export const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'secret', 'configMap', 'persistentVolumeClaim', 'downwardAPI', 'projected', 'nfs', 'csi', 'image', 'ephemeral'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const NODE_SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const FIELD_REF_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.labels',
  'metadata.annotations',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const RESOURCE_FIELD_REFS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const DEFAULT_MODE = 0o644;

/** Options for a pod spec's checks. */
export interface PodSpecOptions {
  /** The spec is the pod template of this workload kind (restartPolicy Always only, no activeDeadlineSeconds). */
  templateOf?: string;
}

// ---------------------------------------------------------------------------------------------
// Defaults

/** Always for `:latest` or no tag (unless pinned by digest), IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : at >= 0 ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: unknown): void {
  const http = asObj(asObj(h)?.httpGet);
  if (http) {
    setDefault(http, 'path', '/');
    setDefault(http, 'scheme', 'HTTP');
  }
}

function defaultProbe(p: unknown): void {
  const probe = asObj(p);
  if (!probe) return;
  // 0 counts as unset, as in Kubernetes (the Go fields are plain ints).
  for (const [k, v] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (isUnset(probe[k]) || probe[k] === 0) probe[k] = v;
  }
  defaultHandler(probe);
}

function defaultContainer(c: unknown, hostNetwork: boolean): void {
  const ctr = asObj(c);
  if (!ctr) return;
  if (isUnset(ctr.imagePullPolicy) && typeof ctr.image === 'string') ctr.imagePullPolicy = defaultPullPolicy(ctr.image);
  setDefault(ctr, 'terminationMessagePath', '/dev/termination-log');
  setDefault(ctr, 'terminationMessagePolicy', 'File');
  for (const p of asList(ctr.ports)) {
    const port = asObj(p);
    if (!port) continue;
    setDefault(port, 'protocol', 'TCP');
    if (hostNetwork && (isUnset(port.hostPort) || port.hostPort === 0) && typeof port.containerPort === 'number') port.hostPort = port.containerPort;
  }
  for (const p of PROBES) defaultProbe(ctr[p]);
  const lc = asObj(ctr.lifecycle);
  if (lc) {
    defaultHandler(lc.postStart);
    defaultHandler(lc.preStop);
  }
  for (const ev of asList(ctr.env)) {
    const ref = asObj(asObj(asObj(ev)?.valueFrom)?.fieldRef);
    if (ref) setDefault(ref, 'apiVersion', 'v1');
  }
}

function defaultVolume(v: unknown): void {
  const vol = asObj(v);
  if (!vol) return;
  if (!VOLUME_SOURCES.some((s) => vol[s] !== undefined && vol[s] !== null)) vol.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = asObj(vol[s]);
    if (src) setDefault(src, 'defaultMode', DEFAULT_MODE);
  }
  const hp = asObj(vol.hostPath);
  if (hp && hp.type === undefined) hp.type = '';
  for (const item of asList(asObj(vol.downwardAPI)?.items)) {
    const ref = asObj(asObj(item)?.fieldRef);
    if (ref) setDefault(ref, 'apiVersion', 'v1');
  }
}

/** Pod spec defaults (also applied to pod templates). Mutates spec; ignores malformed parts. */
export function defaultPodSpec(s: unknown): void {
  const spec = asObj(s);
  if (!spec) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'securityContext', {});
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  const hostNetwork = spec.hostNetwork === true;
  for (const c of asList(spec.containers)) defaultContainer(c, hostNetwork);
  for (const c of asList(spec.initContainers)) defaultContainer(c, hostNetwork);
  for (const v of asList(spec.volumes)) defaultVolume(v);
}

export function defaultPodTemplate(t: unknown): void {
  defaultPodSpec(asObj(t)?.spec);
}

/** Pod defaults: the spec's, plus requests taken from limits where only limits are given. */
export function defaultPod(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  defaultPodSpec(spec);
  for (const c of [...asList(spec.containers), ...asList(spec.initContainers)]) {
    const res = asObj(asObj(c)?.resources);
    const limits = asObj(res?.limits);
    if (!res || !limits || Object.keys(limits).length === 0) continue;
    const requests = asObj(res.requests) ?? {};
    for (const [k, v] of Object.entries(limits)) if (!Object.hasOwn(requests, k)) setKey(requests, k, v);
    res.requests = requests;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation of the pod spec

type Ctx = {
  e: FieldErrors;
  volumes: Set<string>;
  /** Names of all containers so far (init and app share one namespace). */
  names: Set<string>;
  hostPorts: Set<string>;
  hostNetwork: boolean;
};

function validatePort(p: unknown, path: string, ctx: Ctx, names: Set<string>): void {
  const { e } = ctx;
  const port = objAt(p, path, e);
  if (!port) return;
  if (!isUnset(port.name)) {
    const name = syntaxAt(port.name, `${path}.name`, e, ianaSvcNameError);
    if (name !== undefined && names.has(name)) e.add(`${path}.name`, `duplicate value "${name}"`);
    // Probes may refer to it even when its syntax is wrong (that is reported once, here).
    if (typeof port.name === 'string') names.add(port.name);
  }
  const cp = port.containerPort === 0 ? undefined : port.containerPort;
  const containerPort = intAt(cp, `${path}.containerPort`, e, { min: 1, max: 65535, required: true });
  const hp = port.hostPort === 0 ? undefined : port.hostPort;
  const hostPort = intAt(hp, `${path}.hostPort`, e, { min: 1, max: 65535 });
  const protocol = enumAt(port.protocol, `${path}.protocol`, e, PROTOCOLS) ?? (isUnset(port.protocol) ? 'TCP' : undefined);
  if (!isUnset(port.hostIP)) syntaxAt(port.hostIP, `${path}.hostIP`, e, ipError);
  if (ctx.hostNetwork && hostPort !== undefined && containerPort !== undefined && hostPort !== containerPort) {
    e.add(`${path}.hostPort`, 'must match `containerPort` when `hostNetwork` is true');
  }
  if (hostPort !== undefined && protocol !== undefined) {
    const id = `${asStr(port.hostIP) ?? ''}:${hostPort}/${protocol}`;
    if (ctx.hostPorts.has(id)) e.add(`${path}.hostPort`, `duplicate value "${hostPort}/${protocol}"`);
    ctx.hostPorts.add(id);
  }
}

function validateEnvVarSource(src: unknown, path: string, e: FieldErrors, inVolume = false): void {
  const s = objAt(src, path, e);
  if (!s) return;
  const present = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => s[k] !== undefined && s[k] !== null);
  if (present.length === 0) {
    e.add(path, 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    return;
  }
  if (present.length > 1) {
    e.add(path, 'may not have more than one field specified at a time');
    return;
  }
  const which = present[0];
  const ref = objAt(s[which], `${path}.${which}`, e);
  if (!ref) return;
  const p = `${path}.${which}`;
  switch (which) {
    case 'fieldRef': {
      const fp = strAt(ref.fieldPath, `${p}.fieldPath`, e, true);
      if (fp !== undefined) {
        const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fp);
        if (m) {
          const err = qualifiedNameError(m[2]);
          if (err) e.add(`${p}.fieldPath`, err);
        } else if (!FIELD_REF_PATHS.includes(fp) || (!inVolume && (fp === 'metadata.labels' || fp === 'metadata.annotations'))) {
          e.add(`${p}.fieldPath`, unsupported(fp, [...FIELD_REF_PATHS.filter((f) => !f.endsWith('labels') && !f.endsWith('annotations')), "metadata.labels['<KEY>']", "metadata.annotations['<KEY>']"]));
        }
      }
      if (!isUnset(ref.apiVersion) && ref.apiVersion !== 'v1') e.add(`${p}.apiVersion`, unsupported(ref.apiVersion, ['v1']));
      break;
    }
    case 'resourceFieldRef': {
      const r = strAt(ref.resource, `${p}.resource`, e, true);
      if (r !== undefined && !RESOURCE_FIELD_REFS.includes(r)) e.add(`${p}.resource`, unsupported(r, RESOURCE_FIELD_REFS));
      if (!isUnset(ref.containerName)) syntaxAt(ref.containerName, `${p}.containerName`, e, dns1123LabelError);
      if (!isUnset(ref.divisor)) quantityAt(ref.divisor, `${p}.divisor`, e, { positive: true });
      break;
    }
    default:
      strAt(ref.name, `${p}.name`, e, true);
      syntaxAt(ref.key, `${p}.key`, e, configKeyError, true);
      boolAt(ref.optional, `${p}.optional`, e);
  }
}

function validateEnv(c: Obj, path: string, e: FieldErrors): void {
  listAt(c.env, `${path}.env`, e).forEach((ev, i) => {
    const p = `${path}.env[${i}]`;
    const env = objAt(ev, p, e);
    if (!env) return;
    syntaxAt(env.name, `${p}.name`, e, envVarNameError, true);
    if (!isUnset(env.value) && typeof env.value !== 'string') e.add(`${p}.value`, 'must be a string');
    if (env.valueFrom !== undefined && env.valueFrom !== null) {
      if (!isUnset(env.value)) e.add(`${p}.valueFrom`, 'may not be specified when `value` is not empty');
      else validateEnvVarSource(env.valueFrom, `${p}.valueFrom`, e);
    }
  });
  listAt(c.envFrom, `${path}.envFrom`, e).forEach((ef, i) => {
    const p = `${path}.envFrom[${i}]`;
    const src = objAt(ef, p, e);
    if (!src) return;
    if (!isUnset(src.prefix)) syntaxAt(src.prefix, `${p}.prefix`, e, envVarNameError);
    const present = ['configMapRef', 'secretRef'].filter((k) => src[k] !== undefined && src[k] !== null);
    if (present.length === 0) e.add(p, 'must specify one of: `configMapRef` or `secretRef`');
    else if (present.length > 1) e.add(p, 'may not have more than one field specified at a time');
    else {
      const ref = objAt(src[present[0]], `${p}.${present[0]}`, e);
      if (ref) strAt(ref.name, `${p}.${present[0]}.name`, e, true);
    }
  });
}

function validateResources(r: unknown, path: string, e: FieldErrors): void {
  const res = objAt(r, path, e);
  if (!res) return;
  const values: Record<'limits' | 'requests', Map<string, { q: number; text: string }>> = { limits: new Map(), requests: new Map() };
  for (const part of ['limits', 'requests'] as const) {
    for (const [k, v] of mapAt(res[part], `${path}.${part}`, e)) {
      const p = key(`${path}.${part}`, k);
      const ne = resourceNameError(k);
      if (ne) e.add(p, `resource name: ${ne}`);
      const q = quantityAt(v, p, e, { nonNegative: true, required: true });
      if (q !== undefined) values[part].set(k, { q, text: String(v) });
    }
  }
  for (const [k, req] of values.requests) {
    const lim = values.limits.get(k);
    if (!lim) continue;
    if (k.startsWith('hugepages-') || k.includes('/')) {
      if (req.q !== lim.q) e.add(key(`${path}.requests`, k), `must be equal to ${k} limit of ${lim.text}`);
    } else if (req.q > lim.q) {
      e.add(key(`${path}.requests`, k), `must be less than or equal to ${k} limit of ${lim.text}`);
    }
  }
}

function validateHttpHeaders(h: unknown, path: string, e: FieldErrors): void {
  listAt(h, path, e).forEach((hd, i) => {
    const hdr = objAt(hd, `${path}[${i}]`, e);
    if (!hdr) return;
    const name = strAt(hdr.name, `${path}[${i}].name`, e, true);
    if (name !== undefined && !/^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/.test(name)) e.add(`${path}[${i}].name`, 'must be a valid HTTP header name');
  });
}

/** The handler of a probe or lifecycle hook: exactly one of the kinds allowed. */
function validateHandler(h: Obj, path: string, e: FieldErrors, kinds: readonly string[], portNames: Set<string>): void {
  const present = kinds.filter((k) => h[k] !== undefined && h[k] !== null);
  if (present.length === 0) {
    e.add(path, 'must specify a handler type');
    return;
  }
  for (const extra of present.slice(1)) e.add(`${path}.${extra}`, 'may not specify more than 1 handler type');
  const which = present[0];
  const p = `${path}.${which}`;
  const a = objAt(h[which], p, e);
  if (!a) return;
  const namedPort = (v: unknown, pp: string) => {
    const port = portNumOrNameAt(v, pp, e);
    if (typeof port === 'string' && !portNames.has(port)) e.add(pp, `"${port}" is not the name of a port of this container`);
  };
  switch (which) {
    case 'exec':
      if (listAt(a.command, `${p}.command`, e).length === 0) e.add(`${p}.command`, 'required');
      break;
    case 'httpGet':
      namedPort(a.port, `${p}.port`);
      enumAt(a.scheme, `${p}.scheme`, e, ['HTTP', 'HTTPS']);
      if (!isUnset(a.path) && typeof a.path !== 'string') e.add(`${p}.path`, 'must be a string');
      validateHttpHeaders(a.httpHeaders, `${p}.httpHeaders`, e);
      break;
    case 'tcpSocket':
      namedPort(a.port, `${p}.port`);
      break;
    case 'grpc':
      intAt(a.port, `${p}.port`, e, { min: 1, max: 65535, required: true });
      break;
    case 'sleep':
      intAt(a.seconds, `${p}.seconds`, e, { min: 0, required: true });
      break;
  }
}

function validateProbe(pr: unknown, path: string, e: FieldErrors, which: (typeof PROBES)[number], portNames: Set<string>): void {
  const probe = objAt(pr, path, e);
  if (!probe) return;
  validateHandler(probe, path, e, PROBE_HANDLERS, portNames);
  intAt(probe.initialDelaySeconds, `${path}.initialDelaySeconds`, e, { min: 0 });
  intAt(probe.timeoutSeconds, `${path}.timeoutSeconds`, e, { min: 1 });
  intAt(probe.periodSeconds, `${path}.periodSeconds`, e, { min: 1 });
  const st = intAt(probe.successThreshold, `${path}.successThreshold`, e, { min: 1 });
  if (st !== undefined && st !== 1 && which !== 'readinessProbe') e.add(`${path}.successThreshold`, 'must be 1');
  intAt(probe.failureThreshold, `${path}.failureThreshold`, e, { min: 1 });
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    if (which === 'readinessProbe') e.add(`${path}.terminationGracePeriodSeconds`, 'must not be set for readinessProbes');
    else intAt(probe.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`, e, { min: 1 });
  }
}

function validateVolumeMounts(c: Obj, path: string, ctx: Ctx): void {
  const { e } = ctx;
  const paths = new Set<string>();
  listAt(c.volumeMounts, `${path}.volumeMounts`, e).forEach((m, i) => {
    const p = `${path}.volumeMounts[${i}]`;
    const mount = objAt(m, p, e);
    if (!mount) return;
    const name = strAt(mount.name, `${p}.name`, e, true);
    if (name !== undefined && !ctx.volumes.has(name)) e.add(`${p}.name`, `no volume named "${name}" in spec.volumes`);
    const mp = strAt(mount.mountPath, `${p}.mountPath`, e, true);
    if (mp !== undefined) {
      if (paths.has(mp)) e.add(`${p}.mountPath`, `duplicate value "${mp}"`);
      paths.add(mp);
    }
    for (const sp of ['subPath', 'subPathExpr'] as const) {
      const s = isUnset(mount[sp]) ? undefined : strAt(mount[sp], `${p}.${sp}`, e);
      if (s !== undefined) {
        const err = relativePathError(s);
        if (err) e.add(`${p}.${sp}`, err);
      }
    }
    if (!isUnset(mount.subPath) && !isUnset(mount.subPathExpr)) e.add(`${p}.subPathExpr`, 'subPathExpr and subPath are mutually exclusive');
    enumAt(mount.mountPropagation, `${p}.mountPropagation`, e, ['None', 'HostToContainer', 'Bidirectional']);
    boolAt(mount.readOnly, `${p}.readOnly`, e);
  });
}

function validateContainer(c: unknown, path: string, ctx: Ctx, kind: 'app' | 'init'): void {
  const { e } = ctx;
  const ctr = objAt(c, path, e);
  if (!ctr) return;
  const name = dnsLabelAt(ctr.name, `${path}.name`, e);
  if (name !== undefined) {
    if (ctx.names.has(name)) e.add(`${path}.name`, `duplicate value "${name}"`);
    ctx.names.add(name);
  }
  const image = strAt(ctr.image, `${path}.image`, e, true);
  if (image !== undefined && image.trim() !== image) e.add(`${path}.image`, 'must not have leading or trailing whitespace');
  for (const f of ['command', 'args'] as const) {
    listAt(ctr[f], `${path}.${f}`, e).forEach((s, i) => {
      if (typeof s !== 'string') e.add(`${path}.${f}[${i}]`, 'must be a string');
    });
  }
  const portNames = new Set<string>();
  listAt(ctr.ports, `${path}.ports`, e).forEach((p, i) => validatePort(p, `${path}.ports[${i}]`, ctx, portNames));
  validateEnv(ctr, path, e);
  if (ctr.resources !== undefined) validateResources(ctr.resources, `${path}.resources`, e);
  const sidecar = kind === 'init' && ctr.restartPolicy === 'Always';
  for (const which of PROBES) {
    if (ctr[which] === undefined || ctr[which] === null) continue;
    if (kind === 'init' && !sidecar) e.add(`${path}.${which}`, 'may not be set for init containers without restartPolicy=Always');
    else validateProbe(ctr[which], `${path}.${which}`, e, which, portNames);
  }
  const lc = objAt(ctr.lifecycle, `${path}.lifecycle`, e);
  if (lc) {
    if (kind === 'init' && !sidecar) e.add(`${path}.lifecycle`, 'may not be set for init containers without restartPolicy=Always');
    else {
      for (const hook of ['postStart', 'preStop'] as const) {
        const h = objAt(lc[hook], `${path}.lifecycle.${hook}`, e);
        if (h) validateHandler(h, `${path}.lifecycle.${hook}`, e, LIFECYCLE_HANDLERS, portNames);
      }
    }
  }
  if (!isUnset(ctr.restartPolicy)) {
    if (kind === 'init') enumAt(ctr.restartPolicy, `${path}.restartPolicy`, e, ['Always']);
    else e.add(`${path}.restartPolicy`, 'may not be set for non-init containers');
  }
  validateVolumeMounts(ctr, path, ctx);
  enumAt(ctr.imagePullPolicy, `${path}.imagePullPolicy`, e, PULL_POLICIES);
  enumAt(ctr.terminationMessagePolicy, `${path}.terminationMessagePolicy`, e, ['File', 'FallbackToLogsOnError']);
  const tmp = strAt(ctr.terminationMessagePath, `${path}.terminationMessagePath`, e);
  if (tmp !== undefined && tmp.length > 4096) e.add(`${path}.terminationMessagePath`, 'must be no more than 4096 characters');
  for (const b of ['stdin', 'stdinOnce', 'tty'] as const) boolAt(ctr[b], `${path}.${b}`, e);
  const sc = objAt(ctr.securityContext, `${path}.securityContext`, e);
  if (sc) {
    for (const f of ['runAsUser', 'runAsGroup'] as const) intAt(sc[f], `${path}.securityContext.${f}`, e, { min: 0, max: 2147483647 });
    if (sc.privileged === true && sc.allowPrivilegeEscalation === false) {
      e.add(`${path}.securityContext`, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
    }
  }
}

function validateKeyToPaths(items: unknown, path: string, e: FieldErrors): void {
  listAt(items, path, e).forEach((it, i) => {
    const p = `${path}[${i}]`;
    const item = objAt(it, p, e);
    if (!item) return;
    strAt(item.key, `${p}.key`, e, true);
    const ip = strAt(item.path, `${p}.path`, e, true);
    if (ip !== undefined) {
      const err = relativePathError(ip);
      if (err) e.add(`${p}.path`, err);
    }
    modeAt(item.mode, `${p}.mode`, e);
  });
}

function modeAt(v: unknown, path: string, e: FieldErrors): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0o777) e.add(path, 'must be a number between 0 and 0777 (octal), both inclusive');
}

function validateDownwardItems(items: unknown, path: string, e: FieldErrors): void {
  listAt(items, path, e).forEach((it, i) => {
    const p = `${path}[${i}]`;
    const item = objAt(it, p, e);
    if (!item) return;
    const ip = strAt(item.path, `${p}.path`, e, true);
    if (ip !== undefined) {
      const err = relativePathError(ip);
      if (err) e.add(`${p}.path`, err);
    }
    modeAt(item.mode, `${p}.mode`, e);
    const refs = ['fieldRef', 'resourceFieldRef'].filter((k) => item[k] !== undefined && item[k] !== null);
    if (refs.length !== 1) e.add(p, 'must specify exactly one of `fieldRef` or `resourceFieldRef`');
    else validateEnvVarSource({ [refs[0]]: item[refs[0]] }, p, e, true);
  });
}

function validateVolume(v: unknown, path: string, e: FieldErrors, names: Set<string>): void {
  const vol = objAt(v, path, e);
  if (!vol) return;
  const name = dnsLabelAt(vol.name, `${path}.name`, e);
  if (name !== undefined) {
    if (names.has(name)) e.add(`${path}.name`, `duplicate value "${name}"`);
    names.add(name);
  }
  const present = VOLUME_SOURCES.filter((s) => vol[s] !== undefined && vol[s] !== null);
  if (present.length === 0) {
    e.add(path, 'must specify a volume type');
    return;
  }
  for (const extra of present.slice(1)) e.add(`${path}.${extra}`, 'may not specify more than 1 volume type');
  const which = present[0];
  const p = `${path}.${which}`;
  const src = objAt(vol[which], p, e);
  if (!src) return;
  switch (which) {
    case 'hostPath': {
      strAt(src.path, `${p}.path`, e, true);
      if (src.type !== '') enumAt(src.type, `${p}.type`, e, ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']);
      break;
    }
    case 'emptyDir': {
      const medium = asStr(src.medium);
      if (!isUnset(src.medium) && medium !== 'Memory' && !(medium ?? '').startsWith('HugePages')) e.add(`${p}.medium`, unsupported(src.medium, ['', 'Memory', 'HugePages']));
      quantityAt(src.sizeLimit, `${p}.sizeLimit`, e, { nonNegative: true });
      break;
    }
    case 'secret':
      strAt(src.secretName, `${p}.secretName`, e, true);
      validateKeyToPaths(src.items, `${p}.items`, e);
      modeAt(src.defaultMode, `${p}.defaultMode`, e);
      break;
    case 'configMap':
      strAt(src.name, `${p}.name`, e, true);
      validateKeyToPaths(src.items, `${p}.items`, e);
      modeAt(src.defaultMode, `${p}.defaultMode`, e);
      break;
    case 'persistentVolumeClaim':
      strAt(src.claimName, `${p}.claimName`, e, true);
      break;
    case 'downwardAPI':
      validateDownwardItems(src.items, `${p}.items`, e);
      modeAt(src.defaultMode, `${p}.defaultMode`, e);
      break;
    case 'projected':
      modeAt(src.defaultMode, `${p}.defaultMode`, e);
      listAt(src.sources, `${p}.sources`, e).forEach((s, i) => {
        const sp = `${p}.sources[${i}]`;
        const proj = objAt(s, sp, e);
        if (!proj) return;
        const kinds = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle'].filter((k) => proj[k] !== undefined && proj[k] !== null);
        if (kinds.length !== 1) {
          e.add(sp, kinds.length === 0 ? 'must specify a projection type' : 'may not specify more than 1 projection type');
          return;
        }
        const inner = objAt(proj[kinds[0]], `${sp}.${kinds[0]}`, e);
        if (!inner) return;
        if (kinds[0] === 'secret' || kinds[0] === 'configMap') validateKeyToPaths(inner.items, `${sp}.${kinds[0]}.items`, e);
        else if (kinds[0] === 'downwardAPI') validateDownwardItems(inner.items, `${sp}.downwardAPI.items`, e);
        else if (kinds[0] === 'serviceAccountToken') {
          strAt(inner.path, `${sp}.serviceAccountToken.path`, e, true);
          intAt(inner.expirationSeconds, `${sp}.serviceAccountToken.expirationSeconds`, e, { min: 600, max: 2 ** 32 });
        } else strAt(inner.path, `${sp}.clusterTrustBundle.path`, e, true);
      });
      break;
    case 'nfs': {
      strAt(src.server, `${p}.server`, e, true);
      const np = strAt(src.path, `${p}.path`, e, true);
      if (np !== undefined && !np.startsWith('/')) e.add(`${p}.path`, 'must be an absolute path');
      break;
    }
    case 'csi':
      strAt(src.driver, `${p}.driver`, e, true);
      break;
    case 'image':
      strAt(src.reference, `${p}.reference`, e, true);
      enumAt(src.pullPolicy, `${p}.pullPolicy`, e, PULL_POLICIES);
      break;
    case 'ephemeral':
      objAt(src.volumeClaimTemplate, `${p}.volumeClaimTemplate`, e, true);
      break;
  }
}

export function validateTolerations(t: unknown, path: string, e: FieldErrors): void {
  listAt(t, path, e).forEach((x, i) => {
    const p = `${path}[${i}]`;
    const tol = objAt(x, p, e);
    if (!tol) return;
    if (!isUnset(tol.key)) syntaxAt(tol.key, `${p}.key`, e, labelKeyError);
    const op = enumAt(tol.operator, `${p}.operator`, e, ['Exists', 'Equal']) ?? (isUnset(tol.operator) ? 'Equal' : undefined);
    if (isUnset(tol.key) && op === 'Equal') e.add(`${p}.operator`, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (op === 'Exists' && !isUnset(tol.value)) e.add(`${p}.value`, "value must be empty when `operator` is 'Exists'");
    if (op === 'Equal' && !isUnset(tol.value)) syntaxAt(tol.value, `${p}.value`, e, labelValueError);
    const effect = enumAt(tol.effect, `${p}.effect`, e, TAINT_EFFECTS);
    if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null) {
      if (effect !== 'NoExecute') e.add(`${p}.effect`, "effect must be 'NoExecute' when `tolerationSeconds` is set");
      intAt(tol.tolerationSeconds, `${p}.tolerationSeconds`, e);
    }
  });
}

function validateNodeSelectorTerm(t: unknown, path: string, e: FieldErrors): void {
  const term = objAt(t, path, e);
  if (!term) return;
  listAt(term.matchExpressions, `${path}.matchExpressions`, e).forEach((x, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const req = objAt(x, p, e);
    if (!req) return;
    syntaxAt(req.key, `${p}.key`, e, labelKeyError, true);
    const op = enumAt(req.operator, `${p}.operator`, e, NODE_SELECTOR_OPS, true);
    const values = listAt(req.values, `${p}.values`, e);
    if ((op === 'In' || op === 'NotIn') && values.length === 0) e.add(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) e.add(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    if ((op === 'Gt' || op === 'Lt') && (values.length !== 1 || typeof values[0] !== 'string' || !/^[+-]?\d+$/.test(values[0]))) {
      e.add(`${p}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'");
    }
    values.forEach((v, j) => {
      const err = labelValueError(v);
      if (err) e.add(`${p}.values[${j}]`, err);
    });
  });
  listAt(term.matchFields, `${path}.matchFields`, e).forEach((x, i) => {
    const p = `${path}.matchFields[${i}]`;
    const req = objAt(x, p, e);
    if (!req) return;
    if (req.key !== 'metadata.name') e.add(`${p}.key`, unsupported(req.key, ['metadata.name']));
    enumAt(req.operator, `${p}.operator`, e, ['In', 'NotIn'], true);
    if (listAt(req.values, `${p}.values`, e).length !== 1) e.add(`${p}.values`, 'must have exactly one value');
  });
}

function validatePodAffinityTerm(t: unknown, path: string, e: FieldErrors): void {
  const term = objAt(t, path, e);
  if (!term) return;
  selectorAt(term.labelSelector, `${path}.labelSelector`, e);
  selectorAt(term.namespaceSelector, `${path}.namespaceSelector`, e);
  syntaxAt(term.topologyKey, `${path}.topologyKey`, e, labelKeyError, true);
  listAt(term.namespaces, `${path}.namespaces`, e).forEach((n, i) => syntaxAt(n, `${path}.namespaces[${i}]`, e, dns1123LabelError, true));
}

function validateAffinity(a: unknown, path: string, e: FieldErrors): void {
  const aff = objAt(a, path, e);
  if (!aff) return;
  const na = objAt(aff.nodeAffinity, `${path}.nodeAffinity`, e);
  if (na) {
    const p = `${path}.nodeAffinity`;
    const req = objAt(na.requiredDuringSchedulingIgnoredDuringExecution, `${p}.requiredDuringSchedulingIgnoredDuringExecution`, e);
    if (req) {
      const terms = listAt(req.nodeSelectorTerms, `${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`, e);
      if (terms.length === 0) e.add(`${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`, 'must have at least one node selector term');
      terms.forEach((t, i) => validateNodeSelectorTerm(t, `${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`, e));
    }
    listAt(na.preferredDuringSchedulingIgnoredDuringExecution, `${p}.preferredDuringSchedulingIgnoredDuringExecution`, e).forEach((x, i) => {
      const pp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      const pref = objAt(x, pp, e);
      if (!pref) return;
      intAt(pref.weight, `${pp}.weight`, e, { min: 1, max: 100, required: true });
      validateNodeSelectorTerm(pref.preference, `${pp}.preference`, e);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = objAt(aff[kind], `${path}.${kind}`, e);
    if (!pa) continue;
    const p = `${path}.${kind}`;
    listAt(pa.requiredDuringSchedulingIgnoredDuringExecution, `${p}.requiredDuringSchedulingIgnoredDuringExecution`, e).forEach((t, i) =>
      validatePodAffinityTerm(t, `${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, e),
    );
    listAt(pa.preferredDuringSchedulingIgnoredDuringExecution, `${p}.preferredDuringSchedulingIgnoredDuringExecution`, e).forEach((x, i) => {
      const pp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      const w = objAt(x, pp, e);
      if (!w) return;
      intAt(w.weight, `${pp}.weight`, e, { min: 1, max: 100, required: true });
      validatePodAffinityTerm(w.podAffinityTerm, `${pp}.podAffinityTerm`, e);
    });
  }
}

/**
 * Every semantic problem in a pod spec at `path` ('spec' for a pod,
 * 'spec.template.spec' for a workload). Never throws.
 */
export function validatePodSpec(s: unknown, path: string, e: FieldErrors, opts: PodSpecOptions = {}): void {
  const spec = objAt(s, path, e, true);
  if (!spec) return;
  const ctx: Ctx = { e, volumes: new Set(), names: new Set(), hostPorts: new Set(), hostNetwork: spec.hostNetwork === true };

  const volNames = new Set<string>();
  listAt(spec.volumes, `${path}.volumes`, e).forEach((v, i) => validateVolume(v, `${path}.volumes[${i}]`, e, volNames));
  // Mounts may refer to any named volume, even one with another error.
  for (const v of asList(spec.volumes)) if (typeof asObj(v)?.name === 'string') ctx.volumes.add(asObj(v)!.name as string);

  const containers = listAt(spec.containers, `${path}.containers`, e);
  if (Array.isArray(spec.containers) ? spec.containers.length === 0 : spec.containers === undefined || spec.containers === null) {
    e.add(`${path}.containers`, 'required');
  }
  listAt(spec.initContainers, `${path}.initContainers`, e).forEach((c, i) => validateContainer(c, `${path}.initContainers[${i}]`, ctx, 'init'));
  containers.forEach((c, i) => validateContainer(c, `${path}.containers[${i}]`, ctx, 'app'));
  if (listAt(spec.ephemeralContainers, `${path}.ephemeralContainers`, e).length > 0 && opts.templateOf) {
    e.add(`${path}.ephemeralContainers`, 'may not be set in a pod template');
  }

  const restart = enumAt(spec.restartPolicy, `${path}.restartPolicy`, e, RESTART_POLICIES);
  if (opts.templateOf && restart !== undefined && restart !== 'Always') e.add(`${path}.restartPolicy`, unsupported(restart, ['Always']));
  const dns = enumAt(spec.dnsPolicy, `${path}.dnsPolicy`, e, DNS_POLICIES);
  const dnsConfig = objAt(spec.dnsConfig, `${path}.dnsConfig`, e);
  if (dns === 'None' && (!dnsConfig || listAt(dnsConfig.nameservers, `${path}.dnsConfig.nameservers`, e).length === 0)) {
    e.add(`${path}.dnsConfig`, 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  }
  if (dnsConfig) {
    const ns = asList(dnsConfig.nameservers);
    if (ns.length > 3) e.add(`${path}.dnsConfig.nameservers`, 'must not have more than 3 nameservers');
    ns.forEach((n, i) => syntaxAt(n, `${path}.dnsConfig.nameservers[${i}]`, e, ipError, true));
    const searches = listAt(dnsConfig.searches, `${path}.dnsConfig.searches`, e);
    if (searches.length > 32) e.add(`${path}.dnsConfig.searches`, 'must not have more than 32 search paths');
    listAt(dnsConfig.options, `${path}.dnsConfig.options`, e).forEach((o, i) => strAt(asObj(o)?.name, `${path}.dnsConfig.options[${i}].name`, e, true));
  }

  intAt(spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`, e, { min: 0 });
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    if (opts.templateOf) e.add(`${path}.activeDeadlineSeconds`, `not supported in ${opts.templateOf} pod templates`);
    else intAt(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`, e, { min: 1, max: 2147483647 });
  }
  labelsAt(spec.nodeSelector, `${path}.nodeSelector`, e);
  if (!isUnset(spec.nodeName)) syntaxAt(spec.nodeName, `${path}.nodeName`, e, dns1123SubdomainError);
  for (const f of ['serviceAccountName', 'serviceAccount', 'schedulerName', 'priorityClassName'] as const) {
    if (!isUnset(spec[f])) syntaxAt(spec[f], `${path}.${f}`, e, dns1123SubdomainError);
  }
  for (const f of ['hostname', 'subdomain'] as const) if (!isUnset(spec[f])) syntaxAt(spec[f], `${path}.${f}`, e, dns1123LabelError);
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC', 'enableServiceLinks', 'automountServiceAccountToken', 'shareProcessNamespace', 'setHostnameAsFQDN', 'hostUsers'] as const) {
    boolAt(spec[f], `${path}.${f}`, e);
  }
  validateTolerations(spec.tolerations, `${path}.tolerations`, e);
  listAt(spec.hostAliases, `${path}.hostAliases`, e).forEach((h, i) => {
    const p = `${path}.hostAliases[${i}]`;
    const ha = objAt(h, p, e);
    if (!ha) return;
    syntaxAt(ha.ip, `${p}.ip`, e, ipError, true);
    listAt(ha.hostnames, `${p}.hostnames`, e).forEach((n, j) => syntaxAt(n, `${p}.hostnames[${j}]`, e, dns1123SubdomainError, true));
  });
  listAt(spec.imagePullSecrets, `${path}.imagePullSecrets`, e).forEach((s, i) => strAt(asObj(s)?.name, `${path}.imagePullSecrets[${i}].name`, e, true));
  validateAffinity(spec.affinity, `${path}.affinity`, e);
  listAt(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`, e).forEach((t, i) => {
    const p = `${path}.topologySpreadConstraints[${i}]`;
    const c = objAt(t, p, e);
    if (!c) return;
    intAt(c.maxSkew, `${p}.maxSkew`, e, { min: 1, required: true });
    syntaxAt(c.topologyKey, `${p}.topologyKey`, e, labelKeyError, true);
    enumAt(c.whenUnsatisfiable, `${p}.whenUnsatisfiable`, e, ['DoNotSchedule', 'ScheduleAnyway'], true);
    selectorAt(c.labelSelector, `${p}.labelSelector`, e);
    intAt(c.minDomains, `${p}.minDomains`, e, { min: 1 });
    enumAt(c.nodeAffinityPolicy, `${p}.nodeAffinityPolicy`, e, ['Honor', 'Ignore']);
    enumAt(c.nodeTaintsPolicy, `${p}.nodeTaintsPolicy`, e, ['Honor', 'Ignore']);
  });
  listAt(spec.readinessGates, `${path}.readinessGates`, e).forEach((g, i) => syntaxAt(asObj(g)?.conditionType, `${path}.readinessGates[${i}].conditionType`, e, qualifiedNameError, true));
  const gates = new Set<string>();
  listAt(spec.schedulingGates, `${path}.schedulingGates`, e).forEach((g, i) => {
    const n = syntaxAt(asObj(g)?.name, `${path}.schedulingGates[${i}].name`, e, qualifiedNameError, true);
    if (n !== undefined) {
      if (gates.has(n)) e.add(`${path}.schedulingGates[${i}].name`, `duplicate value "${n}"`);
      gates.add(n);
    }
  });
  const os = objAt(spec.os, `${path}.os`, e);
  if (os) enumAt(os.name, `${path}.os.name`, e, ['linux', 'windows'], true);
  enumAt(spec.preemptionPolicy, `${path}.preemptionPolicy`, e, ['PreemptLowerPriority', 'Never']);
  for (const [k, v] of mapAt(spec.overhead, `${path}.overhead`, e)) quantityAt(v, key(`${path}.overhead`, k), e, { nonNegative: true, required: true });
  const psc = objAt(spec.securityContext, `${path}.securityContext`, e);
  if (psc) {
    for (const f of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) intAt(psc[f], `${path}.securityContext.${f}`, e, { min: 0, max: 2147483647 });
    listAt(psc.supplementalGroups, `${path}.securityContext.supplementalGroups`, e).forEach((g, i) =>
      intAt(g, `${path}.securityContext.supplementalGroups[${i}]`, e, { min: 0, max: 2147483647, required: true }),
    );
  }
  if (spec.resources !== undefined) validateResources(spec.resources, `${path}.resources`, e);
}

/**
 * A workload's pod template at `path` (e.g. 'spec.template'): its labels, its spec as a
 * template of `kind` (restartPolicy Always only).
 */
export function validatePodTemplate(t: unknown, path: string, e: FieldErrors, kind: string): void {
  const tmpl = objAt(t, path, e, true);
  if (!tmpl) return;
  const meta = objAt(tmpl.metadata, `${path}.metadata`, e);
  if (meta) labelsAt(meta.labels, `${path}.metadata.labels`, e);
  validatePodSpec(tmpl.spec, `${path}.spec`, e, { templateOf: kind });
}

// ---------------------------------------------------------------------------------------------
// Pods

const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, ' +
  '`spec.tolerations` (only additions to existing tolerations), `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative), ' +
  '`spec.schedulingGates` (only removals) and `spec.nodeName` (only from unset, by binding)';

function validatePodUpdate(spec: Obj, old: Obj, e: FieldErrors): void {
  const munged = clone(spec);
  for (const list of ['containers', 'initContainers'] as const) {
    const n = asList(munged[list]);
    const o = asList(old[list]);
    n.forEach((c, i) => {
      // An image may change (an empty one is reported as required by the spec's checks).
      if (isObj(c) && isObj(o[i])) c.image = (o[i] as Obj).image;
    });
  }
  // activeDeadlineSeconds: may be set, or lowered, never unset or raised.
  const nd = spec.activeDeadlineSeconds;
  const od = old.activeDeadlineSeconds;
  if (typeof od === 'number') {
    if (nd === undefined || nd === null) e.add('spec.activeDeadlineSeconds', 'must not update from a positive integer to nil value');
    else if (typeof nd === 'number' && nd > od) e.add('spec.activeDeadlineSeconds', `must be less than or equal to previous value (${od})`);
  }
  if (od === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = od;
  // tolerations: only additions.
  const oldTols = asList(old.tolerations);
  const newTols = asList(spec.tolerations);
  if (oldTols.every((t) => newTols.some((n) => deepEqual(n, t)))) {
    if (old.tolerations === undefined) delete munged.tolerations;
    else munged.tolerations = old.tolerations;
  }
  // terminationGracePeriodSeconds: from negative to 1.
  if (typeof old.terminationGracePeriodSeconds === 'number' && old.terminationGracePeriodSeconds < 0 && spec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  // schedulingGates: only removals.
  const oldGates = asList(old.schedulingGates);
  if (asList(spec.schedulingGates).every((g) => oldGates.some((o) => deepEqual(o, g)))) {
    if (old.schedulingGates === undefined) delete munged.schedulingGates;
    else munged.schedulingGates = old.schedulingGates;
  }
  // nodeName: set once (the binding).
  if (isUnset(old.nodeName)) {
    if (old.nodeName === undefined) delete munged.nodeName;
    else munged.nodeName = old.nodeName;
  }
  const diff = firstDifference(munged, old);
  if (diff !== undefined) e.add('spec', `${POD_UPDATE_MESSAGE}; changed: spec${diff ? `.${diff}` : ''}`);
}

export function validatePod(obj: Obj, e: FieldErrors, old?: Obj): void {
  validatePodSpec(obj.spec, 'spec', e);
  const spec = asObj(obj.spec);
  if (spec && !old && asList(spec.ephemeralContainers).length > 0) e.add('spec.ephemeralContainers', 'cannot be set on create');
  if (spec && old && isObj(old.spec)) validatePodUpdate(spec, old.spec, e);
  const status = objAt(obj.status, 'status', e);
  if (status) {
    enumAt(status.phase, 'status.phase', e, ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);
    for (const f of ['podIP', 'hostIP'] as const) if (!isUnset(status[f])) syntaxAt(status[f], `status.${f}`, e, ipError);
  }
}
