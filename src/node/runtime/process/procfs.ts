// What the process runtime reads from /proc: a process's start time (field 22 of
// /proc/PID/stat, in clock ticks since boot: with the pid it names one process for good, so a
// recycled pid is never mistaken for the container), its session, CPU times and resident set.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  cpuTicks: number;
  starttime: string;
  rssPages: number;
}

export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const f = text.slice(close + 2).trim().split(/\s+/); // f[0] is field 3
  const field = (n: number) => f[n - 3];
  return {
    pid,
    state: field(3),
    ppid: Number(field(4)),
    pgrp: Number(field(5)),
    session: Number(field(6)),
    cpuTicks: Number(field(14)) + Number(field(15)) + Number(field(16)) + Number(field(17)),
    starttime: field(22),
    rssPages: Number(field(24)),
  };
}

/** Whether `pid` is alive (not a zombie) and is the process that started at `starttime`. */
export function isSameProcess(pid: number, starttime: string): boolean {
  if (!pid || !starttime) return false;
  const s = readProcStat(pid);
  return !!s && s.starttime === starttime && s.state !== 'Z' && s.state !== 'X';
}

/** Every live process whose session id is `sid` (a container's processes: its main process started the session). */
export function sessionMembers(sid: number): ProcStat[] {
  return scanSessions().get(sid) ?? [];
}

let recent: { at: number; bySession: Map<number, ProcStat[]> } | undefined;

/**
 * Like sessionMembers, from one scan of /proc shared by all callers within `maxAgeMs`. Usage
 * reports ask for every container at once; a scan each read every /proc/PID/stat on the node
 * once per container (2.7 s of an agent's CPU while it started 100 pods). Not for killing:
 * a process forked since the scan would be missed.
 */
export function recentSessionMembers(sid: number, maxAgeMs: number): ProcStat[] {
  const now = Date.now();
  if (!recent || now - recent.at > maxAgeMs || now < recent.at) recent = { at: now, bySession: scanSessions() };
  return recent.bySession.get(sid) ?? [];
}

function scanSessions(): Map<number, ProcStat[]> {
  const out = new Map<number, ProcStat[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const s = readProcStat(Number(e));
    if (!s || s.state === 'Z') continue;
    const list = out.get(s.session);
    if (list) list.push(s);
    else out.set(s.session, [s]);
  }
  return out;
}

let clkTck: number | undefined;
let pageSize: number | undefined;

function getconf(name: string, fallback: number): number {
  try {
    const v = Number(execFileSync('getconf', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isFinite(v) && v > 0 ? v : fallback;
  } catch {
    return fallback;
  }
}

export function clockTicksPerSecond(): number {
  clkTck ??= getconf('CLK_TCK', 100);
  return clkTck;
}

export function systemPageSize(): number {
  pageSize ??= getconf('PAGESIZE', 4096);
  return pageSize;
}
