import { writeFileSync } from "node:fs";
import { constants, PerformanceObserver, performance } from "node:perf_hooks";

/** One garbage collection: when it started (epoch ms), how long the process stood (ms), its kind. */
export type GcPause = [startedAtMs: number, pauseMs: number, kind: "minor" | "major" | "other"];

// Loaded with `--import` into a benchmarked server when GC_PROBE_FILE is set (see
// `startProcess`): every garbage collection of the process, written to that file as JSON
// (`GcPause[]`) when the process exits. A benchmark that knows when each of its rounds ran can
// then tell the server's own pauses in a round from stalls of the shared machine (issue 17: is
// an added p99 the BFF's, or the machine's?).
const file = process.env.GC_PROBE_FILE;
if (file) {
  const pauses: GcPause[] = [];
  const kindOf = (kind: number | undefined): GcPause[2] =>
    kind === constants.NODE_PERFORMANCE_GC_MINOR
      ? "minor"
      : kind === constants.NODE_PERFORMANCE_GC_MAJOR
        ? "major"
        : "other";
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      pauses.push([performance.timeOrigin + entry.startTime, entry.duration, kindOf(detail?.kind)]);
    }
  }).observe({ entryTypes: ["gc"] });
  process.on("exit", () => writeFileSync(file, JSON.stringify(pauses)));
}
