import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "@portvakt/simulator";
import { DEMO_GROUPS, startDemoIdp } from "@portvakt/simulator/idp";

// A simulator (and the demo sign-in provider) in its own process for benchmarks, so that it does
// not share an event loop with the BFF or the load generator. BFF_ORIGIN is where the BFF will
// listen. Prints one JSON line with what the benchmark needs.
const bffOrigin = process.env.BFF_ORIGIN ?? "http://127.0.0.1:7401";
const simulator = await startSimulator({ mode: "test" });
// BENCH_PEOPLE admins of their own, so a load test can be many people (each with own limits).
const people = Array.from({ length: Number(process.env.BENCH_PEOPLE ?? 0) }, (_, i) => ({
  sub: `bench-user-${i}`,
  name: `Bench User ${i}`,
  groups: [DEMO_GROUPS.admin],
  description: "benchmark",
}));
const idp = await startDemoIdp({
  ...(people.length ? { people: [...people] } : {}),
  clients: [
    {
      clientId: "portvakt-bench",
      clientSecret: "bench-client-secret",
      redirectUris: [`${bffOrigin}/auth/callback`],
      postLogoutRedirectUris: [`${bffOrigin}/`],
    },
  ],
});
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
    idpIssuer: idp.issuer,
  })}\n`,
);
process.on("SIGTERM", () =>
  Promise.all([idp.close(), simulator.close()]).then(() => process.exit(0)),
);
