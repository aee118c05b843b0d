// `shoal create -f FILE` and the generators kubectl users type by hand: `create namespace`,
// `create configmap`, `create secret generic`, `create deployment`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Obj } from '../api-client.ts';
import { UsageError } from '../usage-error.ts';
import { report, runKube } from './command.ts';
import type { KubeContext } from './context.ts';
import { dryRunOf, dryRunSuffix } from './dry-run.ts';
import { CommandError } from './errors.ts';
import { intFlag } from './flag-values.ts';
import { readManifests } from './manifests.ts';
import { place } from './placement.ts';
import { parseOutput, renderDocument } from './printer.ts';
import { loadKinds, nsFor, objectName, type KindInfo } from './resources.ts';

const USAGE = `usage: shoal create -f FILENAME [-f ...]
       shoal create namespace NAME
       shoal create configmap NAME [--from-literal=KEY=VALUE ...] [--from-file=[KEY=]PATH ...]
       shoal create secret generic NAME [--from-literal=KEY=VALUE ...] [--from-file=[KEY=]PATH ...]
       shoal create deployment NAME --image=IMAGE [--replicas=N] [--port=PORT]

Creates objects; an object that exists already is an error (use apply to change it).

  -f, --filename   a file, a directory (its *.yaml, *.yml, *.json) or - for stdin
  -o, --output     yaml, json or name: print the created objects instead of a message
  --dry-run        client (print what would be sent) or server (validate, store nothing)`;

export function runCreate(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: {
      filename: { short: 'f', multiple: true },
      recursive: { short: 'R', boolean: true },
      output: { short: 'o' },
      'dry-run': {},
      'from-literal': { multiple: true },
      'from-file': { multiple: true },
      image: {},
      replicas: {},
      port: {},
    },
    async run(ctx, { values, lists, positionals }) {
      const dryRun = dryRunOf(values['dry-run']);
      const output = values.output === undefined ? undefined : (parseOutput(values.output as string, ['yaml', 'json', 'name']) as 'yaml' | 'json' | 'name');
      const kinds = await loadKinds(ctx.client);
      const send = async (kind: KindInfo, namespace: string, obj: Obj, context?: string): Promise<0 | 1> => {
        try {
          const created = dryRun === 'client' ? obj : await ctx.client.create(kind.resource, namespace, obj, { dryRun: dryRun === 'server' });
          const name = objectName(kind, created.metadata?.name ?? obj.metadata?.name);
          console.log(output === 'name' ? name : output ? renderDocument(output, [created], false) : `${name} created${dryRunSuffix(dryRun)}`);
          return 0;
        } catch (err) {
          return report(err, context);
        }
      };
      if (lists.filename.length > 0) {
        if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" with -f`);
        let code = 0;
        for (const m of readManifests(lists.filename, values.recursive === true)) {
          let p;
          try {
            p = place(m, kinds, ctx);
          } catch (err) {
            code = report(err);
            continue;
          }
          code |= await send(p.kind, p.namespace, m.obj, `error when creating "${m.source}"`);
        }
        return code;
      }
      const { resource, obj } = generate(positionals, values, lists, ctx);
      const kind = kinds.mustFind(resource);
      return send(kind, nsFor(kind, ctx.namespace), obj);
    },
  });
}

type Values = Record<string, string | boolean | undefined>;

/** The object a generator subcommand describes. */
function generate(words: string[], values: Values, lists: Record<string, string[]>, ctx: KubeContext): { resource: string; obj: Obj } {
  const [what, ...rest] = words;
  const one = (args: string[], label: string): string => {
    if (args.length !== 1) throw new UsageError(`create ${label} takes exactly one NAME`);
    return args[0];
  };
  switch (what) {
    case 'namespace':
    case 'ns':
      return { resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: one(rest, 'namespace') } } };
    case 'configmap':
    case 'cm': {
      const data = keyValues(lists);
      return { resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: one(rest, 'configmap'), namespace: ctx.namespace }, data } };
    }
    case 'secret': {
      if (rest[0] !== 'generic') throw new UsageError('only "create secret generic NAME" is supported');
      const data = Object.fromEntries(Object.entries(keyValues(lists)).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
      return { resource: 'secrets', obj: { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: one(rest.slice(1), 'secret generic'), namespace: ctx.namespace }, data } };
    }
    case 'deployment':
    case 'deploy':
      return { resource: 'deployments', obj: deployment(one(rest, 'deployment'), values, ctx.namespace) };
    case undefined:
      throw new UsageError('create needs -f FILENAME or what to create (namespace, configmap, secret generic, deployment)');
    default:
      throw new UsageError(`create: unknown generator "${what}" (namespace, configmap, secret generic, deployment; or -f FILENAME)`);
  }
}

/** --from-literal=k=v and --from-file=[k=]path, in that order; a key given twice is an error. */
function keyValues(lists: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: string, flag: string) => {
    if (!/^[-._a-zA-Z0-9]+$/.test(k)) throw new UsageError(`${flag}: "${k}" is not a valid key (letters, digits, "-", "_", ".")`, flag);
    if (k in out) throw new UsageError(`${flag}: key "${k}" given twice`, flag);
    out[k] = v;
  };
  for (const lit of lists['from-literal']) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new UsageError(`--from-literal must be KEY=VALUE, got "${lit}"`, '--from-literal');
    put(lit.slice(0, eq), lit.slice(eq + 1), '--from-literal');
  }
  for (const spec of lists['from-file']) {
    const eq = spec.indexOf('=');
    const [key, file] = eq > 0 ? [spec.slice(0, eq), spec.slice(eq + 1)] : [path.basename(spec), spec];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CommandError(`--from-file: cannot read ${file}: ${(err as Error).message}`);
    }
    put(key, text, '--from-file');
  }
  return out;
}

function deployment(name: string, values: Values, namespace: string): Obj {
  const image = values.image as string | undefined;
  if (!image) throw new UsageError('create deployment needs --image=IMAGE', '--image');
  const replicas = intFlag(values.replicas, '--replicas', 1);
  const port = values.port === undefined ? undefined : intFlag(values.port, '--port', 0);
  // kubectl names the container after the image ("nginx" for "docker.io/library/nginx:1.14").
  const container: Obj = { name: imageBaseName(image), image };
  if (port !== undefined) container.ports = [{ containerPort: port }];
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } },
  };
}

function imageBaseName(image: string): string {
  const last = image.split('/').pop() ?? image;
  const base = last.split('@')[0].split(':')[0].toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
  return base || 'app';
}
