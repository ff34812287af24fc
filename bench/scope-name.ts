import { NAV_SUBSCOPE_PATTERN, subscopeLanguageProblem } from "@portvakt/contracts";

// The subscope rule: the pattern NAV's tooling quotes for Digdir's validation, run as a regex,
// against Portvakt's one-pass scan of the same language (packages/contracts/src/scope-name.ts).
// Same machine, same run: the result is the ratio, and how the scan's time grows with the length.

function medianMs(run: () => void, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Median time of `repeat` calls of `fn(input)`, over `rounds` rounds, per call. */
function perCall(fn: (input: string) => unknown, input: string, repeat: number, rounds: number) {
  return (
    medianMs(() => {
      for (let i = 0; i < repeat; i++) fn(input);
    }, rounds) / repeat
  );
}

export async function benchScopeName(): Promise<Record<string, unknown>> {
  // 26 letters and a character outside the alphabet: a near miss, 27 characters.
  const nearMiss = `${"a".repeat(26)}!`;
  const regex = (input: string) => NAV_SUBSCOPE_PATTERN.test(input);
  const scan = (input: string) => subscopeLanguageProblem(input);
  const regexMs = perCall(regex, nearMiss, 1, 3);
  const scanMs = perCall(scan, nearMiss, 10_000, 5);
  // The regex doubles with each letter: 20–24 letters show the growth without waiting minutes.
  const regexGrowth = Object.fromEntries(
    [20, 22, 24].map((n) => [n + 1, perCall(regex, `${"a".repeat(n)}!`, 1, 3)]),
  );
  // The scan on near misses it can only see at the very end, 1,000 to 1,000,000 characters.
  const scanByLength = Object.fromEntries(
    [1_000, 10_000, 100_000, 1_000_000].map((n) => {
      // A flat string (not a rope from repeat()), and a warm-up, so every length is measured alike.
      const input = `${Array.from({ length: Math.floor(n / 3) }, () => "ab/").join("")}:b`;
      for (let i = 0; i < 20; i++) scan(input);
      return [input.length, perCall(scan, input, Math.max(3, Math.floor(1_000_000 / n)), 7)];
    }),
  );
  const lengths = Object.keys(scanByLength).map(Number);
  const first = lengths[0]!;
  const last = lengths.at(-1)!;
  return {
    input: nearMiss,
    regexMsPerCall: Number(regexMs.toFixed(1)),
    scanMsPerCall: Number(scanMs.toFixed(5)),
    regexOverScan: Math.round(regexMs / scanMs),
    regexMsByLength: Object.fromEntries(
      Object.entries(regexGrowth).map(([k, v]) => [k, Number(v.toFixed(1))]),
    ),
    scanMsByLength: Object.fromEntries(
      Object.entries(scanByLength).map(([k, v]) => [k, Number(v.toFixed(4))]),
    ),
    scanNsPerCharByLength: Object.fromEntries(
      Object.entries(scanByLength).map(([k, v]) => [k, Number(((v * 1e6) / Number(k)).toFixed(2))]),
    ),
    // Linear means this is about the length ratio (about 1000).
    scanTimeRatioLongestOverShortest: Number(
      (scanByLength[last]! / scanByLength[first]!).toFixed(0),
    ),
    lengthRatio: Math.round(last / first),
  };
}
