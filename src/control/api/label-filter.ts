// A label selector string as a filter over objects.
import { matches, parseLabelSelector, SelectorError } from '../labels.ts';
import { ApiError } from './api-errors.ts';
import type { Obj } from './codec.ts';

export function labelSelectorFilter(selector: string): ((obj: Obj) => boolean) | undefined {
  if (!selector.trim()) return undefined;
  let reqs;
  try {
    reqs = parseLabelSelector(selector);
  } catch (err) {
    if (err instanceof SelectorError) throw new ApiError('BadRequest', `label selector "${selector}": ${err.message}`);
    throw err;
  }
  return (obj) => matches(reqs, obj.metadata?.labels);
}
