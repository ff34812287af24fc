// Drives the real simulator (@portvakt/simulator) in integration tests: its control API and the
// demo provider's admin client.

import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { type FaultSpec, type RunningSimulator, startSimulator } from "@portvakt/simulator";
import { type AdminCredential, loadPkcs12 } from "../credentials";
import { SelfServiceClient, type SelfServiceClientOptions } from "../self-service";
import { TokenClient } from "../token";

export type { RunningSimulator };

export function startTestSimulator(): Promise<RunningSimulator> {
  return startSimulator({ mode: "test", port: 0 });
}

async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${sim.url}/__control/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
  return response.json();
}

export function addFault(sim: RunningSimulator, fault: FaultSpec): Promise<unknown> {
  return control(sim, "POST", "faults", fault);
}

export async function listFaults(sim: RunningSimulator): Promise<{ hits: number }[]> {
  return (await control(sim, "GET", "faults")) as { hits: number }[];
}

export function clearFaults(sim: RunningSimulator): Promise<unknown> {
  return control(sim, "DELETE", "faults");
}

export function expireTokens(sim: RunningSimulator): Promise<unknown> {
  return control(sim, "POST", "expire-tokens");
}

export function resetSimulator(sim: RunningSimulator): Promise<unknown> {
  return control(sim, "POST", "reset");
}

/** Token requests the simulator has seen, successful or not. */
export async function tokenRequestCount(sim: RunningSimulator): Promise<number> {
  const stats = (await control(sim, "GET", "stats")) as { tokenRequests: { total: number } };
  return stats.tokenRequests.total;
}

export function demoCredential(sim: RunningSimulator, orgno: string): Promise<AdminCredential> {
  const org = sim.demo.orgs[orgno];
  if (!org) throw new Error(`The simulator has no demo organisation ${orgno}`);
  return loadPkcs12(org.p12, org.p12Password, { source: `demo ${orgno}.p12` });
}

/** A token client and self-service client for `clientId` (default: the provider's admin). */
export function adminClients(
  sim: RunningSimulator,
  credential: AdminCredential,
  options: Partial<Omit<SelfServiceClientOptions, "tokens">> & { clientId?: string } = {},
): { tokens: TokenClient; api: SelfServiceClient } {
  const { clientId, ...rest } = options;
  const tokens = new TokenClient({
    issuer: sim.issuer,
    clientId: clientId ?? sim.demo.adminClientId,
    credential,
  });
  const api = new SelfServiceClient({
    baseUrl: sim.apiBaseUrl,
    tokens,
    adminScopes: ALL_ADMIN_SCOPES,
    retryBaseDelayMs: 5,
    ...rest,
  });
  return { tokens, api };
}
