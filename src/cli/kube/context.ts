// Where the kubectl-like commands find the masters and their namespace: the flags, then the
// SHOAL_ENDPOINTS / SHOAL_NAMESPACE environment, then ~/.shoal/config (YAML or JSON, like a
// small kubeconfig), then 127.0.0.1:2379 and "default".
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ApiClient } from '../api-client.ts';
import type { FlagSpec } from '../args.ts';
import { parseEndpoints } from '../status.ts';
import { UsageError } from '../usage-error.ts';

export const DEFAULT_ENDPOINTS = '127.0.0.1:2379';

/** Flags every kubectl-like command takes. */
export const COMMON_FLAGS = {
  endpoints: {},
  namespace: { short: 'n' },
  'request-timeout': {},
  help: { boolean: true, short: 'h' },
} satisfies Record<string, FlagSpec>;

export const COMMON_USAGE = `  --endpoints        masters (host:port or http://host:port, comma-separated); else
                     $SHOAL_ENDPOINTS, else endpoints: in ~/.shoal/config, else ${DEFAULT_ENDPOINTS}
  -n, --namespace    namespace (else namespace: in ~/.shoal/config, else default)
  --request-timeout  deadline of each call to a master in ms (default 10000)`;

export interface ShoalConfig {
  endpoints?: string[];
  namespace?: string;
}

/** ~/.shoal/config (or $SHOAL_CONFIG); an absent file is an empty config, a broken one an error. */
export function readConfig(file = process.env.SHOAL_CONFIG ?? path.join(homedir(), '.shoal', 'config')): ShoalConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser reads both spellings.
    doc = parseYaml(text);
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`${file}: expected a mapping with endpoints: and namespace:`);
  const d = doc as Record<string, unknown>;
  const cfg: ShoalConfig = {};
  if (d.endpoints !== undefined) {
    const list = typeof d.endpoints === 'string' ? d.endpoints.split(',') : d.endpoints;
    if (!Array.isArray(list) || list.some((e) => typeof e !== 'string')) throw new UsageError(`${file}: endpoints must be a list of host:port strings`);
    cfg.endpoints = list as string[];
  }
  if (d.namespace !== undefined) {
    if (typeof d.namespace !== 'string') throw new UsageError(`${file}: namespace must be a string`);
    cfg.namespace = d.namespace;
  }
  return cfg;
}

export interface KubeContext {
  client: ApiClient;
  /** The namespace to act in (the flag's, the config's, or "default"). */
  namespace: string;
  /** True when -n was given: a manifest naming another namespace is then an error, as kubectl. */
  namespaceExplicit: boolean;
  endpoints: string[];
}

export function resolveEndpoints(flag: string | undefined, cfg: ShoalConfig): string[] {
  const env = process.env.SHOAL_ENDPOINTS?.trim();
  const raw = flag ?? (env || undefined) ?? cfg.endpoints?.join(',') ?? DEFAULT_ENDPOINTS;
  return parseEndpoints(raw);
}

export function openContext(values: { endpoints?: unknown; namespace?: unknown; 'request-timeout'?: unknown }): KubeContext {
  const cfg = readConfig();
  const endpoints = resolveEndpoints(values.endpoints as string | undefined, cfg);
  const nsFlag = values.namespace as string | undefined;
  const namespace = nsFlag || cfg.namespace || 'default';
  const timeoutRaw = values['request-timeout'] as string | undefined;
  let timeoutMs: number | undefined;
  if (timeoutRaw !== undefined) {
    timeoutMs = Number(timeoutRaw);
    if (!/^\d+$/.test(timeoutRaw) || timeoutMs < 1) throw new UsageError(`--request-timeout must be a positive whole number of ms, got "${timeoutRaw}"`, '--request-timeout');
  }
  return { client: new ApiClient(endpoints, timeoutMs), namespace, namespaceExplicit: !!nsFlag, endpoints };
}
