import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "@portvakt/simulator";

// A simulator in its own process for benchmarks, so that it does not share an event loop with
// the BFF or the load generator. Prints one JSON line with what the benchmark needs.
const simulator = await startSimulator({ mode: "test" });
const dir = mkdtempSync(join(tmpdir(), "portvakt-bench-"));
const provider = simulator.demo.orgs[simulator.demo.providerOrgno]!;
writeFileSync(join(dir, "key.pem"), provider.keyPem, { mode: 0o600 });
writeFileSync(join(dir, "chain.pem"), provider.chainPem);
process.stdout.write(
  `${JSON.stringify({
    url: simulator.url,
    issuer: simulator.issuer,
    adminClientId: simulator.demo.adminClientId,
    keyPath: join(dir, "key.pem"),
    certPath: join(dir, "chain.pem"),
    dir,
  })}\n`,
);
process.on("SIGTERM", () => simulator.close().then(() => process.exit(0)));
