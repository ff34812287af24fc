import { join } from "node:path";
import { startSimulator } from "./index";

const port = Number(process.env.PORT ?? 7400);
const dataDir = process.env.SIMULATOR_DATA_DIR;

const simulator = await startSimulator({
  mode: "demo",
  port,
  host: process.env.HOST ?? "127.0.0.1",
  ...(dataDir ? { dataDir } : {}),
});
const { demo } = simulator;
const provider = demo.orgs[demo.providerOrgno];
const consumer = demo.orgs[demo.consumerOrgno];

console.log(`Portvakt Maskinporten simulator (demo mode)
  issuer           ${simulator.issuer}
  metadata         ${simulator.issuer}.well-known/oauth-authorization-server
  token endpoint   ${simulator.tokenEndpoint}
  API base         ${simulator.apiBaseUrl}/api/v1
  data folder      ${demo.dataDir}
  demo CA          ${demo.ca.path}

  provider admin   client_id ${demo.adminClientId} (${demo.providerOrgno} ${provider?.name})
                   certificate ${provider?.dir ? join(provider.dir, "cert.p12") : "-"} (password ${provider?.p12Password})
  consumer admin   client_id ${demo.consumerAdminClientId} (${demo.consumerOrgno} ${consumer?.name})
                   certificate ${consumer?.dir ? join(consumer.dir, "cert.p12") : "-"}
  keyed clients    ${demo.keyedClients.map((client) => `${client.clientId} kid ${client.kid} key ${client.keyPath}`).join("\n                   ")}
`);

const shutdown = () => {
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
