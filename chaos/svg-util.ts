// Small pieces for writing SVG by hand: escaping, number formatting, nice axis steps.

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 forbids most control characters even escaped; a detail string may carry them.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

/** One decimal is finer than a pixel and keeps the file small. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v as string)}"`)
    .join('');
}

export function el(tag: string, a: Record<string, string | number | undefined>, body?: string): string {
  return body === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${body}</${tag}>`;
}

/** The smallest of 1, 2, 5 x 10^k that is >= raw. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** Ticks 0, step, 2 step ... covering max with about `count` intervals. */
export function ticks(max: number, count: number, integer = false): { step: number; top: number; values: number[] } {
  let step = niceStep(max / count);
  if (integer) step = Math.max(1, Math.round(step));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const values: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step) values.push(Math.round(v * 1e6) / 1e6);
  return { step, top, values };
}

export function fmtTick(v: number): string {
  if (v >= 1e6) return `${n(v / 1e6)}M`;
  if (v >= 1e4) return `${n(v / 1e3)}k`;
  return n(v);
}
