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

/** utime and stime (ms) of one /proc `stat` line, or undefined when it cannot be read. */
function statTimes(path: string): { user: number; system: number } | undefined {
  try {
    const stat = readFileSync(path, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      user: (Number(fields[11]) * 1000) / TICKS_PER_SECOND,
      system: (Number(fields[12]) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/**
 * A process's CPU time so far (ms, Linux `/proc`, ticks of 10 ms), split three ways: `user` and
 * `system` (the whole process), and `helpers`: the part spent on threads other than the main
 * one (V8's garbage-collection and compiler threads, libuv's pool). `undefined` elsewhere.
 * Issue 17: the BFF's added cost is user time and its helper threads' (concurrent marking),
 * not system calls; the split shows which of them a change moved.
 */
export function cpuSplitMs(
  pid: number,
): { user: number; system: number; helpers: number } | undefined {
  const whole = statTimes(`/proc/${pid}/stat`);
  const main = statTimes(`/proc/${pid}/task/${pid}/stat`);
  if (!whole || !main) return undefined;
  return {
    user: whole.user,
    system: whole.system,
    helpers: whole.user + whole.system - main.user - main.system,
  };
}
