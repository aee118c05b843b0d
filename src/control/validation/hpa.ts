// HorizontalPodAutoscaler (autoscaling/v2).
import { dns1123LabelError, pathSegmentNameError } from '../labels.ts';
import { asObj, clone, enumAt, intAt, isUnset, listAt, objAt, quantityAt, resourceNameError, selectorAt, strAt, syntaxAt, type Obj } from './common.ts';
import type { FieldErrors } from './field-errors.ts';

export const METRIC_TYPES = ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'] as const;
const SOURCE_FIELD: Record<(typeof METRIC_TYPES)[number], string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

const SCALE_UP_DEFAULT = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
// scaleDown's stabilization window stays unset: the controller's own setting (300s) applies.
const SCALE_DOWN_DEFAULT = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function defaultRules(v: unknown, d: Obj): unknown {
  if (v === undefined || v === null) return clone(d);
  const r = asObj(v);
  if (!r) return v;
  for (const [k, dv] of Object.entries(d)) if (r[k] === undefined || r[k] === null) r[k] = clone(dv);
  return r;
}

/** minReplicas 1; CPU at 80% utilization when no metric is given; behavior's unset rules filled in. */
export function defaultHorizontalPodAutoscaler(obj: Obj): void {
  const spec = asObj(obj.spec);
  if (!spec) return;
  if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
  if (spec.metrics === undefined || spec.metrics === null || (Array.isArray(spec.metrics) && spec.metrics.length === 0)) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = asObj(spec.behavior);
  if (behavior) {
    behavior.scaleUp = defaultRules(behavior.scaleUp, SCALE_UP_DEFAULT);
    behavior.scaleDown = defaultRules(behavior.scaleDown, SCALE_DOWN_DEFAULT);
  }
}

function validateObjectRef(r: unknown, path: string, e: FieldErrors): void {
  const ref = objAt(r, path, e, true);
  if (!ref) return;
  syntaxAt(ref.kind, `${path}.kind`, e, pathSegmentNameError, true);
  syntaxAt(ref.name, `${path}.name`, e, pathSegmentNameError, true);
  strAt(ref.apiVersion, `${path}.apiVersion`, e);
}

function validateTarget(t: unknown, path: string, e: FieldErrors, allowed: readonly string[]): void {
  const target = objAt(t, path, e, true);
  if (!target) return;
  const type = enumAt(target.type, `${path}.type`, e, allowed, true);
  if (type === 'Utilization') {
    intAt(target.averageUtilization, `${path}.averageUtilization`, e, { min: 1, required: true });
  } else if (!isUnset(target.averageUtilization)) {
    if (type !== undefined) e.add(`${path}.averageUtilization`, `may not be set when \`type\` is '${type}'`);
  }
  if (type === 'Value') quantityAt(target.value, `${path}.value`, e, { positive: true, required: true });
  else if (!isUnset(target.value)) quantityAt(target.value, `${path}.value`, e, { positive: true });
  if (type === 'AverageValue') quantityAt(target.averageValue, `${path}.averageValue`, e, { positive: true, required: true });
  else if (!isUnset(target.averageValue)) quantityAt(target.averageValue, `${path}.averageValue`, e, { positive: true });
}

function validateMetricId(m: unknown, path: string, e: FieldErrors): void {
  const id = objAt(m, path, e, true);
  if (!id) return;
  strAt(id.name, `${path}.name`, e, true);
  selectorAt(id.selector, `${path}.selector`, e);
}

function validateRules(r: unknown, path: string, e: FieldErrors): void {
  const rules = objAt(r, path, e);
  if (!rules) return;
  intAt(rules.stabilizationWindowSeconds, `${path}.stabilizationWindowSeconds`, e, { min: 0, max: 3600 });
  enumAt(rules.selectPolicy, `${path}.selectPolicy`, e, ['Max', 'Min', 'Disabled']);
  const policies = listAt(rules.policies, `${path}.policies`, e);
  if (policies.length === 0) e.add(`${path}.policies`, 'must specify at least one Policy');
  policies.forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    const policy = objAt(p, pp, e);
    if (!policy) return;
    enumAt(policy.type, `${pp}.type`, e, ['Pods', 'Percent'], true);
    intAt(policy.value, `${pp}.value`, e, { min: 1, required: true });
    intAt(policy.periodSeconds, `${pp}.periodSeconds`, e, { min: 1, max: 1800, required: true });
  });
  if (!isUnset(rules.tolerance)) quantityAt(rules.tolerance, `${path}.tolerance`, e, { nonNegative: true });
}

export function validateHorizontalPodAutoscaler(obj: Obj, e: FieldErrors, _old?: Obj): void {
  const spec = objAt(obj.spec, 'spec', e, true);
  if (!spec) return;
  validateObjectRef(spec.scaleTargetRef, 'spec.scaleTargetRef', e);
  const min = intAt(spec.minReplicas, 'spec.minReplicas', e, { min: 1 });
  const max = intAt(spec.maxReplicas === 0 ? undefined : spec.maxReplicas, 'spec.maxReplicas', e, { min: 1, required: true });
  if (min !== undefined && max !== undefined && min > max) e.add('spec.maxReplicas', 'must be greater than or equal to `minReplicas`');

  listAt(spec.metrics, 'spec.metrics', e).forEach((m, i) => {
    const path = `spec.metrics[${i}]`;
    const metric = objAt(m, path, e);
    if (!metric) return;
    const type = enumAt(metric.type, `${path}.type`, e, METRIC_TYPES, true);
    const present = Object.values(SOURCE_FIELD).filter((f) => metric[f] !== undefined && metric[f] !== null);
    if (type === undefined) return;
    const field = SOURCE_FIELD[type];
    for (const other of present) if (other !== field) e.add(`${path}.${other}`, 'must populate the given metric source only');
    const src = objAt(metric[field], `${path}.${field}`, e);
    if (!src) {
      if (metric[field] === undefined || metric[field] === null) e.add(`${path}.${field}`, 'must populate information for the given metric source');
      return;
    }
    const p = `${path}.${field}`;
    switch (type) {
      case 'Resource':
      case 'ContainerResource':
        syntaxAt(src.name, `${p}.name`, e, resourceNameError, true);
        if (type === 'ContainerResource') syntaxAt(src.container, `${p}.container`, e, dns1123LabelError, true);
        validateTarget(src.target, `${p}.target`, e, ['Utilization', 'Value', 'AverageValue']);
        break;
      case 'Pods':
        validateMetricId(src.metric, `${p}.metric`, e);
        validateTarget(src.target, `${p}.target`, e, ['AverageValue']);
        break;
      case 'Object':
        validateObjectRef(src.describedObject, `${p}.describedObject`, e);
        validateMetricId(src.metric, `${p}.metric`, e);
        validateTarget(src.target, `${p}.target`, e, ['Value', 'AverageValue']);
        break;
      case 'External':
        validateMetricId(src.metric, `${p}.metric`, e);
        validateTarget(src.target, `${p}.target`, e, ['Value', 'AverageValue']);
        break;
    }
  });
  const behavior = objAt(spec.behavior, 'spec.behavior', e);
  if (behavior) {
    validateRules(behavior.scaleUp, 'spec.behavior.scaleUp', e);
    validateRules(behavior.scaleDown, 'spec.behavior.scaleDown', e);
  }
}
