// Reading the objects that -f names: files, directories (their *.yaml, *.yml and *.json, in
// name order; -R goes into subdirectories) and "-" for stdin; multi-document YAML, JSON, and
// `kind: List` documents whose items are the objects.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Obj } from '../api-client.ts';
import { CommandError } from './errors.ts';

export interface Manifest {
  obj: Obj;
  /** Where it came from, for messages ("deploy.yaml", "<stdin>"). */
  source: string;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

export function readManifests(paths: string[], recursive = false, stdin: () => string = () => readFileSync(0, 'utf8')): Manifest[] {
  if (paths.length === 0) throw new CommandError('must specify one of -f and -k (-f FILE, -f DIR or -f -)');
  const out: Manifest[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(...parseManifests(stdin(), '<stdin>'));
      continue;
    }
    for (const file of expand(p, recursive, true)) out.push(...parseManifests(readFileSync(file, 'utf8'), file));
  }
  if (out.length === 0) throw new CommandError(`no objects passed (${paths.join(', ')} held no manifests)`);
  return out;
}

/** A file as is; a directory's manifest files, sorted. */
function expand(p: string, recursive: boolean, top: boolean): string[] {
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new CommandError(`the path "${p}" does not exist`);
  }
  if (!st.isDirectory()) return top || MANIFEST_EXT.test(p) ? [p] : [];
  if (!top && !recursive) return [];
  return readdirSync(p)
    .sort()
    .flatMap((entry) => {
      const full = path.join(p, entry);
      return statSync(full).isDirectory() ? expand(full, recursive, false) : MANIFEST_EXT.test(entry) ? [full] : [];
    });
}

/** Every object in one text; a syntax error names the source and line. */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  // YAML 1.2 reads JSON too, so one parser serves both; a JSON file is one document.
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) throw new CommandError(`error parsing ${source}: ${doc.errors[0].message.split('\n')[0]}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return; // an empty document ("---" at the end)
    out.push(...objectsOf(value, `${source}${list.length > 1 ? ` (document ${i + 1})` : ''}`, source));
  });
  return out;
}

function objectsOf(value: unknown, where: string, source: string): Manifest[] {
  if (typeof value !== 'object' || Array.isArray(value)) throw new CommandError(`error validating ${where}: a manifest must be an object with apiVersion, kind and metadata`);
  const obj = value as Obj;
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    return obj.items.flatMap((item: unknown, j: number) => objectsOf(item, `${where} item ${j}`, source));
  }
  if (!obj.kind) throw new CommandError(`error validating ${where}: kind not set`);
  if (!obj.apiVersion) throw new CommandError(`error validating ${where}: apiVersion not set`);
  return [{ obj, source }];
}
