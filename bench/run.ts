import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { benchBffLoad } from "./bff-load";
import { benchBffLoadFaults } from "./bff-load-faults";
import { benchBffVsDirect } from "./bff-vs-direct";
import { benchBulkGrant } from "./bulk-grant";
import { benchScopeName } from "./scope-name";
import { benchWebAccess } from "./web-access";

// `pnpm bench [name…] [--save]`: runs the benchmarks (all, or those named) and prints each
// result. The committed results in bench/results/ (the README's table) are replaced only with
// --save; otherwise each result goes to dist/bench/ (not committed), to compare by hand.
const root = resolve(import.meta.dirname, "..");
const benchmarks: Record<string, (root: string) => Promise<Record<string, unknown>>> = {
  "bff-vs-direct": benchBffVsDirect,
  "bff-load": benchBffLoad,
  "bff-load-faults": benchBffLoadFaults,
  "bulk-grant": benchBulkGrant,
  "web-access": benchWebAccess,
  "scope-name": benchScopeName,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { save: { type: "boolean", default: false } },
});
const unknown = positionals.filter((name) => !(name in benchmarks));
if (unknown.length) {
  process.stderr.write(
    `No benchmark ${unknown.join(", ")}; there are: ${Object.keys(benchmarks).join(", ")}\n`,
  );
  process.exit(2);
}
const out = join(root, values.save ? "bench/results" : "dist/bench");
mkdirSync(out, { recursive: true });
for (const [name, run] of Object.entries(benchmarks)) {
  if (positionals.length && !positionals.includes(name)) continue;
  process.stdout.write(`running ${name} ...\n`);
  const loadBefore = loadavg()[0]!;
  const measured = await run(root);
  const result = {
    ...measured,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      // The 1-minute load average before and after: other work on the machine moves the figures.
      load_1m: [+loadBefore.toFixed(2), +loadavg()[0]!.toFixed(2)],
    },
    date: new Date().toISOString(),
  };
  const file = join(out, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `written to ${relative(root, file)}${values.save ? "" : " (pnpm bench --save replaces the committed result)"}\n`,
  );
}
