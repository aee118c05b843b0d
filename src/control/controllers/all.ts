// Every controller the controller manager runs, and the resources their informers need.
import type { Controller } from './controller.ts';

export function allControllers(): { controllers: Controller[]; resources: string[] } {
  return { controllers: [], resources: [] };
}
