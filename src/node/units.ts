// Resource quantities as the runtime takes them.
import { parseQuantity } from '../control/quantity.ts';

export const quantityToCores = (q: string | number): number => parseQuantity(q);
export const quantityToBytes = (q: string | number): number => Math.round(parseQuantity(q));
