// `shoal describe TYPE NAME... | TYPE/NAME | TYPE [-l SEL]`: a readable page per object,
// ending with the Events that name it (found by involvedObject fields, as kubectl).
import type { ApiClient, Obj } from '../api-client.ts';
import { report, runKube } from './command.ts';
import { Doc, events, metadata } from './describe-format.ts';
import { describerFor } from './describers.ts';
import { loadKinds, nsFor, parseTargets, type KindInfo } from './resources.ts';

const USAGE = `usage: shoal describe TYPE NAME... | TYPE/NAME... | TYPE [-l SELECTOR]

Shows objects in detail, with their recent events.

  -l, --selector        every object of TYPE with these labels
  -A, --all-namespaces  with no names: in every namespace`;

export function runDescribe(argv: string[]): Promise<number> {
  return runKube(argv, {
    usage: USAGE,
    flags: { selector: { short: 'l' }, 'all-namespaces': { short: 'A', boolean: true } },
    async run(ctx, { values, positionals }) {
      const kinds = await loadKinds(ctx.client);
      let code = 0;
      const pages: string[] = [];
      for (const t of parseTargets(positionals, kinds)) {
        const ns = values['all-namespaces'] === true && t.names.length === 0 ? '' : nsFor(t.kind, ctx.namespace);
        let objs: Obj[] = [];
        if (t.names.length === 0) objs = (await ctx.client.listAll(t.kind.resource, ns, { labelSelector: values.selector as string | undefined })).items;
        for (const name of t.names) {
          try {
            objs.push(await ctx.client.get(t.kind.resource, ns, name));
          } catch (err) {
            code = report(err);
          }
        }
        for (const o of objs) pages.push(await describe(ctx.client, t.kind, o));
      }
      if (pages.length > 0) console.log(pages.join('\n\n\n'));
      else if (code === 0) console.error('No resources found');
      return code;
    },
  });
}

export async function describe(client: ApiClient, kind: KindInfo, obj: Obj): Promise<string> {
  const doc = new Doc();
  metadata(doc, obj, kind.namespaced);
  await describerFor(kind.kind)(doc, obj, client);
  events(doc, await eventsFor(client, kind, obj));
  return doc.render();
}

/** The events about this object (not about an earlier one of the same name). */
async function eventsFor(client: ApiClient, kind: KindInfo, obj: Obj): Promise<Obj[]> {
  const m = obj.metadata;
  const fields = [`involvedObject.kind=${kind.kind}`, `involvedObject.name=${m.name}`];
  if (kind.namespaced) fields.push(`involvedObject.namespace=${m.namespace}`);
  // A cluster-scoped object's events live in some namespace ("default" in Kubernetes): ask all.
  const { items } = await client.listAll('events', kind.namespaced ? m.namespace : '', { fieldSelector: fields.join(',') });
  return items.filter((e) => !e.involvedObject?.uid || e.involvedObject.uid === m.uid);
}
