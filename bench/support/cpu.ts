import { readFileSync } from "node:fs";
import { cpuUsage } from "node:process";

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (Linux; ticks
 * of 10 ms); `undefined` elsewhere. The current process is read with `process.cpuUsage`.
 */
export function cpuTimeMs(pid: number): number | undefined {
  if (pid === process.pid) {
    const { user, system } = cpuUsage();
    return (user + system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
