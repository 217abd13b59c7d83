/** Memory and CPU time of a child process, read from /proc (Linux). */
import { readFileSync } from "node:fs";

/** A reading of one process. */
export interface ProcessStats {
  /** Resident set size now, MiB. */
  rssMb: number;
  /** Highest resident set size so far (VmHWM), MiB. */
  peakRssMb: number;
  /** User + system CPU time so far, seconds. */
  cpuSeconds: number;
}

/** Linux reports CPU times in clock ticks of USER_HZ, which is 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/** Reads `pid`'s memory and CPU time; undefined once the process is gone or off Linux. */
export function readProcessStats(pid: number): ProcessStats | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at "state"; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kib(status, "VmRSS") / 1024, peakRssMb: kib(status, "VmHWM") / 1024, cpuSeconds: ticks / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** The bench process's own CPU time (emulator and simulated users), seconds. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : Number.NaN;
}
