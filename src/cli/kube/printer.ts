// Output of objects in the forms kubectl's -o knows: a table (default), wide, yaml, json and
// name. Tables come from columns.ts; the printer adds NAMESPACE (with -A), NAME (prefixed by
// the type when several types are printed together, as kubectl) and LABELS (--show-labels).
import { stringify as yamlStringify } from 'yaml';
import type { Obj } from '../api-client.ts';
import { columnWidths, formatRow } from '../table.ts';
import { UsageError } from '../usage-error.ts';
import { columnsFor } from './columns.ts';
import { objectName, type KindInfo } from './resources.ts';
import { labelsString } from './selectors.ts';

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name';

export function parseOutput(raw: string | undefined, allowed: OutputFormat[] = ['table', 'wide', 'yaml', 'json', 'name']): OutputFormat {
  if (raw === undefined) return 'table';
  const f = raw as OutputFormat;
  if (!allowed.includes(f) || f === 'table') {
    throw new UsageError(`-o: unknown output format "${raw}" (use ${allowed.filter((a) => a !== 'table').join(', ')})`, '-o');
  }
  return f;
}

export interface TableOptions {
  wide: boolean;
  /** A NAMESPACE column first (-A on a namespaced kind). */
  namespaceColumn: boolean;
  showLabels: boolean;
  /** "pod/web" instead of "web": several types printed together. */
  kindPrefix: boolean;
}

/** A table for objects of one kind, as a header and rows (the watch prints rows later). */
export class KindTablePrinter {
  readonly headers: string[];
  private widths: number[] = [];
  private readonly cols;

  constructor(
    private readonly kind: KindInfo,
    private readonly opts: TableOptions,
  ) {
    this.cols = columnsFor(kind.kind);
    this.headers = [
      ...(opts.namespaceColumn ? ['NAMESPACE'] : []),
      ...(this.cols.noName ? [] : ['NAME']),
      ...this.cols.headers,
      ...(opts.wide ? (this.cols.wideHeaders ?? []) : []),
      ...(opts.showLabels ? ['LABELS'] : []),
    ];
  }

  row(obj: Obj, now = Date.now()): string[] {
    const name = this.opts.kindPrefix ? objectName(this.kind, obj) : (obj.metadata?.name ?? '');
    return [
      ...(this.opts.namespaceColumn ? [obj.metadata?.namespace ?? ''] : []),
      ...(this.cols.noName ? [] : [name]),
      ...this.cols.row(obj, now),
      ...(this.opts.wide && this.cols.wideRow ? this.cols.wideRow(obj) : []),
      ...(this.opts.showLabels ? [labelsString(obj.metadata?.labels)] : []),
    ];
  }

  /** The header and every row, aligned; later `line` calls keep to the same widths. */
  render(objs: Obj[], now = Date.now()): string {
    const rows = objs.map((o) => this.row(o, now));
    this.widths = columnWidths(this.headers, rows);
    return [formatRow(this.headers, this.widths), ...rows.map((r) => formatRow(r, this.widths))].join('\n');
  }

  line(obj: Obj, now = Date.now()): string {
    if (this.widths.length === 0) this.widths = columnWidths(this.headers, []);
    return formatRow(this.row(obj, now), this.widths);
  }
}

/** Block YAML without folded lines or anchors (an object used twice is written out twice). */
export const toYaml = (doc: unknown): string => yamlStringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });

/** One object as it is, or several as a kubectl List. */
export function renderDocument(format: 'yaml' | 'json', objs: Obj[], asList: boolean): string {
  const doc = asList || objs.length !== 1 ? { apiVersion: 'v1', kind: 'List', items: objs, metadata: { resourceVersion: '' } } : objs[0];
  return format === 'json' ? JSON.stringify(doc, null, 4) : toYaml(doc).trimEnd();
}

/** What -o yaml/json/name prints for one object on its own (watch events, create -o). */
export function renderOne(format: 'yaml' | 'json' | 'name', kind: KindInfo, obj: Obj): string {
  if (format === 'name') return objectName(kind, obj);
  return format === 'json' ? JSON.stringify(obj, null, 4) : `${toYaml(obj).trimEnd()}\n---`;
}
