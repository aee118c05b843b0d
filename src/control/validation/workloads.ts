// ReplicaSet, ReplicationController and Deployment: replicas, selector against the template's
// labels, the template as a pod spec, Deployment strategy; their defaults.
import { labelSelectorErrors, labelSelectorRequirements, matches } from '../labels.ts';
import { asObj, clone, deepEqual, enumAt, intAt, intOrPercentAt, isObj, labelsAt, objAt, selectorAt, selectorIsEmpty, setDefault, type Obj } from './common.ts';
import type { FieldErrors } from './field-errors.ts';
import { defaultPodTemplate, validatePodTemplate } from './pod.ts';

const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

function templateLabels(spec: Obj): Record<string, string> | undefined {
  const labels = asObj(asObj(asObj(spec.template)?.metadata)?.labels);
  return labels as Record<string, string> | undefined;
}

/** apps/v1 selector: required, non-empty, well-formed, and matching the template's labels. */
function validateAppsSelector(spec: Obj, e: FieldErrors, kind: string): void {
  if (spec.selector === undefined || spec.selector === null) {
    e.add('spec.selector', 'required');
    return;
  }
  const before = e.list.length;
  selectorAt(spec.selector, 'spec.selector', e);
  if (e.list.length > before) return;
  if (selectorIsEmpty(spec.selector)) {
    e.add('spec.selector', `empty selector is invalid for ${kind.toLowerCase()}`);
    return;
  }
  if (labelSelectorErrors(spec.selector).length === 0 && isObj(spec.template)) {
    const reqs = labelSelectorRequirements(spec.selector as Obj);
    if (!matches(reqs, templateLabels(spec))) e.add('spec.template.metadata.labels', SELECTOR_MISMATCH);
  }
}

function validateReplicaCounts(spec: Obj, e: FieldErrors): void {
  intAt(spec.replicas, 'spec.replicas', e, { min: 0 });
  intAt(spec.minReadySeconds, 'spec.minReadySeconds', e, { min: 0 });
}

function immutableSelector(obj: Obj, old: Obj | undefined, e: FieldErrors): void {
  if (!old) return;
  const os = asObj(old.spec)?.selector;
  const ns = asObj(obj.spec)?.selector;
  if (os !== undefined && !deepEqual(os, ns)) e.add('spec.selector', 'field is immutable');
}

// ---- ReplicaSet ---------------------------------------------------------------------------

export function defaultReplicaSet(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

export function validateReplicaSet(obj: Obj, e: FieldErrors, old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e, true);
  if (!spec) return;
  validateReplicaCounts(spec, e);
  validateAppsSelector(spec, e, 'ReplicaSet');
  validatePodTemplate(spec.template, 'spec.template', e, 'ReplicaSet');
  immutableSelector(obj, old, e);
}

// ---- ReplicationController ----------------------------------------------------------------

/** replicas 1; an empty selector, and empty object labels, are taken from the template's labels. */
export function defaultReplicationController(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  const labels = templateLabels(spec);
  if (labels && Object.keys(labels).length > 0) {
    const sel = asObj(spec.selector);
    if (spec.selector === undefined || spec.selector === null || (sel && Object.keys(sel).length === 0)) spec.selector = clone(labels);
    const meta = asObj(obj.metadata);
    if (meta) {
      const ml = asObj(meta.labels);
      if (meta.labels === undefined || meta.labels === null || (ml && Object.keys(ml).length === 0)) meta.labels = clone(labels);
    } else if (obj.metadata === undefined) {
      obj.metadata = { labels: clone(labels) };
    }
  }
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

export function validateReplicationController(obj: Obj, e: FieldErrors, _old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e, true);
  if (!spec) return;
  validateReplicaCounts(spec, e);
  const sel = objAt(spec.selector, 'spec.selector', e);
  if (!sel || Object.keys(sel).length === 0) {
    if (spec.selector === undefined || spec.selector === null || sel) e.add('spec.selector', 'required');
  } else {
    const before = e.list.length;
    labelsAt(sel, 'spec.selector', e);
    if (e.list.length === before && isObj(spec.template)) {
      const labels = templateLabels(spec) ?? {};
      const ok = Object.entries(sel).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
      if (!ok) e.add('spec.template.metadata.labels', SELECTOR_MISMATCH);
    }
  }
  validatePodTemplate(spec.template, 'spec.template', e, 'ReplicationController');
  // The v1 ReplicationController's selector may change (unlike apps/v1 workloads').
}

// ---- Deployment ---------------------------------------------------------------------------

export function defaultDeployment(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.strategy === undefined || spec.strategy === null) spec.strategy = {};
  const strategy = asObj(spec.strategy);
  if (strategy) {
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      if (strategy.rollingUpdate === undefined || strategy.rollingUpdate === null) strategy.rollingUpdate = {};
      const ru = asObj(strategy.rollingUpdate);
      if (ru) {
        setDefault(ru, 'maxUnavailable', '25%');
        setDefault(ru, 'maxSurge', '25%');
      }
    }
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  if (spec.minReadySeconds === undefined || spec.minReadySeconds === null) spec.minReadySeconds = 0;
  defaultPodTemplate(spec.template);
}

export function validateDeployment(obj: Obj, e: FieldErrors, old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e, true);
  if (!spec) return;
  validateReplicaCounts(spec, e);
  validateAppsSelector(spec, e, 'Deployment');
  validatePodTemplate(spec.template, 'spec.template', e, 'Deployment');

  const strategy = objAt(spec.strategy, 'spec.strategy', e);
  if (strategy) {
    const type = enumAt(strategy.type, 'spec.strategy.type', e, ['RollingUpdate', 'Recreate']);
    const hasRU = strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null;
    if (type === 'Recreate' && hasRU) e.add('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'");
    const ru = objAt(strategy.rollingUpdate, 'spec.strategy.rollingUpdate', e);
    if (ru && type !== 'Recreate') {
      const mu = intOrPercentAt(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable', e);
      const ms = intOrPercentAt(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge', e);
      if (mu?.percent && mu.value > 100) e.add('spec.strategy.rollingUpdate.maxUnavailable', 'must not be greater than 100%');
      if (mu?.value === 0 && ms?.value === 0) e.add('spec.strategy.rollingUpdate.maxUnavailable', 'may not be 0 when `maxSurge` is 0');
    }
  }
  intAt(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', e, { min: 0 });
  const pds = intAt(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds', e, { min: 0 });
  const mrs = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (pds !== undefined && pds <= mrs) e.add('spec.progressDeadlineSeconds', 'must be greater than minReadySeconds');
  if (spec.paused !== undefined && spec.paused !== null && typeof spec.paused !== 'boolean') e.add('spec.paused', 'must be true or false');
  immutableSelector(obj, old, e);
}
