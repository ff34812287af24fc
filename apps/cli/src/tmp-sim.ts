import { writeFileSync } from "node:fs";
import { startSimulator } from "@portvakt/simulator";

const sim = await startSimulator({ mode: "test" });
const org = sim.demo.orgs["991825827"]!;
writeFileSync("/tmp/pv/key.pem", org.keyPem);
writeFileSync("/tmp/pv/chain.pem", org.chainPem);
writeFileSync("/tmp/pv/admin.p12", org.p12);
writeFileSync(
  "/tmp/pv/env",
  `--issuer ${sim.issuer} --api-base-url ${sim.apiBaseUrl} --client-id ${sim.demo.adminClientId}`,
);
console.log("ready");
setTimeout(() => sim.close(), 60_000);
