// CPU and memory limits for the process runtime's containers, through cgroups.
//
// Container cgroups are made *inside the agent's own cgroup* (`<own>/<name>/<container id>`),
// so they stay within whatever limits the agent itself runs under, and nothing outside the
// agent's subtree is touched. Supported:
//
//   - cgroup v2 (unified): cpu.max and memory.max. The agent's own cgroup must be able to
//     delegate the cpu and memory controllers to children (cgroup.subtree_control); v2 forbids
//     that for a cgroup that holds processes itself (except the root), so an agent running in
//     a non-root cgroup with processes gets no limits (logged) unless given a `parent` made for it.
//   - cgroup v1 (separate cpu and memory hierarchies, also the "hybrid" layout where v2 has
//     no controllers): cpu.cfs_quota_us/cpu.cfs_period_us and memory.limit_in_bytes
//     (+ memory.memsw.limit_in_bytes when swap accounting exists).
//   - neither, or not root: limits are not enforced; the runtime logs it once.
//
// A container gets cgroups only when it has a limit, and `<name>` exists only while such containers do. The container process joins them itself
// (the shim writes its pid into cgroup.procs before exec), so it never runs outside them.
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type CgroupMode = 'v2' | 'v1' | 'none';

export interface ContainerCgroups {
  /** Directories made for the container (one per hierarchy). */
  dirs: string[];
  /** Their cgroup.procs files (what the container process writes its pid into). */
  procs: string[];
}

interface Mount {
  root: string;
  point: string;
  fstype: string;
  superOpts: string[];
}

function readMounts(): Mount[] {
  const out: Mount[] = [];
  let text = '';
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    const sep = f.indexOf('-');
    if (sep < 0) continue;
    out.push({ root: unescape(f[3]), point: unescape(f[4]), fstype: f[sep + 1], superOpts: (f[sep + 3] ?? '').split(',') });
  }
  return out;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** The process's cgroup path per v1 controller, and '' -> its v2 path. */
function ownCgroups(): Map<string, string> {
  const m = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return m;
  }
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    const j = line.indexOf(':', i + 1);
    if (i < 0 || j < 0) continue;
    const controllers = line.slice(i + 1, j);
    const path = line.slice(j + 1);
    if (controllers === '') m.set('', path);
    for (const c of controllers.split(',')) if (c) m.set(c, path);
  }
  return m;
}

function dirFor(mount: Mount, path: string): string | undefined {
  const root = mount.root === '/' ? '' : mount.root;
  if (root && path !== root && !path.startsWith(root + '/')) return undefined; // our cgroup is not visible in this mount
  return join(mount.point, path.slice(root.length));
}

export class Cgroups {
  private v2Ready = false;

  private constructor(
    readonly mode: CgroupMode,
    /** What is (not) enforced and why, for the log. */
    readonly description: string,
    private readonly bases: { cpu?: string; memory?: string; v2?: string },
  ) {}

  /**
   * Finds the cgroup layout. Container cgroups will go under `<own cgroup>/<name>` in each
   * hierarchy used (or `<parent>/<name>` when `parent` is given: a directory in the v2 tree,
   * or a path relative to each v1 hierarchy's root). Nothing is written until a container
   * with limits starts, and the `<name>` directory goes with its last container, so an agent
   * leaves nothing behind in the cgroup tree (a parent cgroup with children cannot be removed).
   */
  static detect(name: string, parent?: string): Cgroups {
    if (process.getuid?.() !== 0) return new Cgroups('none', 'not root: CPU and memory limits are not enforced', {});
    const mounts = readMounts();
    const own = ownCgroups();
    const errors: string[] = [];

    // v2 with both controllers available to us.
    const v2 = mounts.find((m) => m.fstype === 'cgroup2');
    if (v2 && own.has('')) {
      const ownDir = parent && parent.startsWith('/sys/') ? parent : dirFor(v2, parent ?? own.get('')!);
      try {
        if (!ownDir) throw new Error('own cgroup not visible in the cgroup2 mount');
        const available = readFileSync(join(ownDir, 'cgroup.controllers'), 'utf8').split(/\s+/);
        if (available.includes('cpu') && available.includes('memory')) {
          accessSync(ownDir, constants.W_OK);
          return new Cgroups('v2', `cgroup v2 under ${join(ownDir, name)}: cpu.max and memory.max`, { v2: join(ownDir, name) });
        }
        errors.push(`cgroup v2 at ${v2.point}: cpu/memory controllers not available here (${available.join(' ').trim() || 'none'})`);
      } catch (e) {
        errors.push(`cgroup v2 at ${v2.point}: ${(e as Error).message}`);
      }
    }

    // v1: cpu and memory hierarchies.
    const bases: { cpu?: string; memory?: string } = {};
    for (const controller of ['cpu', 'memory'] as const) {
      const m = mounts.find((x) => x.fstype === 'cgroup' && x.superOpts.includes(controller));
      const path = parent ?? own.get(controller);
      if (!m || path === undefined) continue;
      const dir = dirFor(m, path);
      if (!dir) continue;
      try {
        accessSync(dir, constants.W_OK);
        bases[controller] = join(dir, name);
      } catch (e) {
        errors.push(`cgroup v1 ${controller} at ${m.point}: ${(e as Error).message}`);
      }
    }
    if (bases.cpu || bases.memory) {
      const what = [bases.cpu && `CPU under ${bases.cpu}`, bases.memory && `memory under ${bases.memory}`].filter(Boolean).join(', ');
      const missing = [!bases.cpu && 'CPU', !bases.memory && 'memory'].filter(Boolean).join(' and ');
      return new Cgroups('v1', `cgroup v1: ${what}${missing ? `; ${missing} limits not enforced` : ''}`, bases);
    }
    return new Cgroups('none', `no usable cgroup hierarchy (${errors.join('; ') || 'none mounted'}): CPU and memory limits are not enforced`, {});
  }

  /** Makes the container's cgroups with its limits (cores, bytes; 0 = none). Undefined when nothing applies. */
  create(id: string, cpuLimit: number, memoryLimitBytes: number): ContainerCgroups | undefined {
    if (this.mode === 'none' || (cpuLimit <= 0 && memoryLimitBytes <= 0)) return undefined;
    const made: ContainerCgroups = { dirs: [], procs: [] };
    const mk = (base: string) => {
      const dir = join(base, id);
      for (let i = 0; ; i++) {
        try {
          mkdirSync(dir, { recursive: true });
          break;
        } catch (e) {
          // The base may vanish under us when its last container is removed at this moment.
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || i >= 3) throw e;
        }
      }
      made.dirs.push(dir);
      made.procs.push(join(dir, 'cgroup.procs'));
      return dir;
    };
    try {
      if (this.mode === 'v2') {
        const base = this.bases.v2!;
        if (!this.v2Ready || !existsSync(base)) {
          // Delegate cpu and memory down to the containers: refused (EBUSY) when our own cgroup holds processes and is not the root.
          writeFileSync(join(dirname(base), 'cgroup.subtree_control'), '+cpu +memory');
          mkdirSync(base, { recursive: true });
          writeFileSync(join(base, 'cgroup.subtree_control'), '+cpu +memory');
          this.v2Ready = true;
        }
        const dir = mk(base);
        if (cpuLimit > 0) writeFileSync(join(dir, 'cpu.max'), `${Math.max(1000, Math.round(cpuLimit * 100_000))} 100000`);
        if (memoryLimitBytes > 0) writeFileSync(join(dir, 'memory.max'), String(Math.floor(memoryLimitBytes)));
      } else {
        if (cpuLimit > 0 && this.bases.cpu) {
          const dir = mk(this.bases.cpu);
          writeFileSync(join(dir, 'cpu.cfs_period_us'), '100000');
          writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.max(1000, Math.round(cpuLimit * 100_000))));
        }
        if (memoryLimitBytes > 0 && this.bases.memory) {
          const dir = mk(this.bases.memory);
          writeFileSync(join(dir, 'memory.limit_in_bytes'), String(Math.floor(memoryLimitBytes)));
          const memsw = join(dir, 'memory.memsw.limit_in_bytes');
          if (existsSync(memsw)) {
            try {
              writeFileSync(memsw, String(Math.floor(memoryLimitBytes)));
            } catch {
              /* no swap accounting: swap is then not limited */
            }
          }
        }
      }
    } catch (e) {
      removeDirs(made.dirs, true);
      throw e;
    }
    return made.dirs.length ? made : undefined;
  }

  /** Whether the kernel's OOM killer killed a process in these cgroups. */
  static oomKilled(dirs: string[]): boolean {
    for (const dir of dirs) {
      for (const file of ['memory.events', 'memory.oom_control']) {
        try {
          const m = /^oom_kill (\d+)$/m.exec(readFileSync(join(dir, file), 'utf8'));
          if (m && Number(m[1]) > 0) return true;
        } catch {
          /* not this hierarchy */
        }
      }
    }
    return false;
  }

  /** Pids in these cgroups. */
  static pids(dirs: string[]): number[] {
    const out = new Set<number>();
    for (const dir of dirs) {
      try {
        for (const l of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) if (l.trim()) out.add(Number(l));
      } catch {
        /* gone */
      }
    }
    return [...out];
  }

  /**
   * Removes container cgroups (they must be empty; retried briefly while the last processes
   * exit), and their `<name>` parent once it has no other child.
   */
  static async remove(dirs: string[]): Promise<void> {
    for (let i = 0; i < 20; i++) {
      if (removeDirs(dirs, true) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Removes this runtime's `<name>` directories if empty (tests; an agent leaves them). */
  removeBases(): void {
    removeDirs([this.bases.v2, this.bases.cpu, this.bases.memory].filter((d): d is string => !!d));
  }
}

/** rmdir each (and, with `parents`, its parent if that is now empty); returns how many are still there. */
function removeDirs(dirs: string[], parents = false): number {
  let left = 0;
  for (const d of dirs) {
    try {
      rmdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        left++;
        continue;
      }
    }
    if (parents) {
      try {
        rmdirSync(dirname(d));
      } catch {
        /* other containers still there, or gone already */
      }
    }
  }
  return left;
}
