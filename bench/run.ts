import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { benchBffLoad } from "./bff-load";
import { benchBffVsDirect } from "./bff-vs-direct";
import { benchWebAccess } from "./web-access";

const root = resolve(import.meta.dirname, "..");
const only = process.argv[2];
const benchmarks: Record<string, (root: string) => Promise<Record<string, unknown>>> = {
  "bff-vs-direct": benchBffVsDirect,
  "bff-load": benchBffLoad,
  "web-access": benchWebAccess,
};

mkdirSync(join(root, "bench/results"), { recursive: true });
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  process.stdout.write(`running ${name} ...\n`);
  const result = {
    ...(await run(root)),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    date: new Date().toISOString(),
  };
  writeFileSync(join(root, `bench/results/${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
