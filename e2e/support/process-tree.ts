import fs from 'node:fs';

/** One process, identified by PID and start time (so a reused PID is not mistaken for it). */
export interface ProcessInfo {
  readonly pid: number;
  readonly startTime: string;
  readonly command: string;
}

interface Stat {
  readonly ppid: number;
  readonly state: string;
  readonly startTime: string;
}

/** Fields of /proc/<pid>/stat after the parenthesised command name, which may hold spaces. */
function readStat(pid: number): Stat | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '', ppid: Number(rest[1]), startTime: rest[19] ?? '' };
  } catch {
    return null;
  }
}

function readCommand(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** `root` and all its descendants now (Linux /proc). */
export function processTree(root: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)]);
  }
  const out: ProcessInfo[] = [];
  const visit = (pid: number): void => {
    const stat = readStat(pid);
    if (!stat) return;
    out.push({ pid, startTime: stat.startTime, command: readCommand(pid) });
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return out;
}

/** Still running: same PID and start time, and not a zombie (which has exited and holds nothing). */
export function isRunning(p: ProcessInfo): boolean {
  const stat = readStat(p.pid);
  return stat !== null && stat.startTime === p.startTime && stat.state !== 'Z';
}
