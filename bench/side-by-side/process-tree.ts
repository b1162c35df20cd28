// Memory and CPU of a process and everything it started, read from /proc (Linux), as `ps` would.
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` is 100 on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

/** /proc/<pid>/stat, whose second field (the command name) may hold spaces and parentheses. */
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state(3) ppid(4) ... utime(14) stime(15); fields[0] is field 3.
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** `root` and its descendants that are alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(stat.pid);
    children.set(stat.ppid, siblings);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (!readStat(pid)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** VmRSS and VmHWM (the process's own peak) in bytes; zeros when the process is gone. */
function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "";
  }
}

export interface TreeMemory {
  /** Sum of the processes' resident memory now. */
  rss: number;
  /** Sum of each process's own peak: at least the tree's peak, as the peaks need not coincide. */
  hwm: number;
  processes: Array<{ pid: number; command: string; rss: number; hwm: number }>;
}

export function treeMemory(root: number): TreeMemory {
  const processes = processTree(root).map((pid) => ({ pid, command: commandLine(pid), ...memory(pid) }));
  return {
    rss: processes.reduce((sum, p) => sum + p.rss, 0),
    hwm: processes.reduce((sum, p) => sum + p.hwm, 0),
    processes,
  };
}

/**
 * CPU seconds (user + system) the tree's live processes have used so far. A difference of two readings
 * is the CPU spent between them, as long as no process of the tree ended in between.
 */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) ticks += readStat(pid)?.cpuTicks ?? 0;
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Samples the tree's summed RSS every `everyMs` and keeps the highest: the tree's own peak, sampled. */
export function rssPeakSampler(root: number, everyMs = 250) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeMemory(root).rss);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    peak: () => peak,
    stop: () => clearInterval(timer),
  };
}
