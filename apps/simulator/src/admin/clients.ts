import { randomUUID } from "node:crypto";
import {
  type AdminScope,
  type Client,
  ClientInput,
  ClientUpdate,
  type DigdirFieldError,
  type IntegrationType,
} from "@portvakt/contracts";
import { Hono } from "hono";
import {
  CLIENTS_CREATE,
  CLIENTS_DELETE,
  CLIENTS_READ,
  CLIENTS_UPDATE,
  callerOf,
  requireAdminScope,
} from "../auth";
import { DIGDIR_BODY, DigdirApiError, fieldError, parseJsonBody } from "../digdir-error";
import type { Caller, SimulatorContext, SimulatorEnv } from "../simulator-context";
import type { SimulatorStore } from "../store";

export const DEFAULT_ACCESS_TOKEN_LIFETIME = 120;

const byName = (a: Client, b: Client) =>
  (a.client_name ?? "").localeCompare(b.client_name ?? "") ||
  a.client_id.localeCompare(b.client_id);

/** The client `id`, which the caller's organisation must own or have registered as supplier. */
export function managedClientOf(store: SimulatorStore, caller: Caller, id: string): Client {
  const client = store.getClient(id);
  if (!client) throw new DigdirApiError(404, `No client with client_id ${id}`);
  if (client.client_orgno !== caller.orgno && client.supplier_orgno !== caller.orgno) {
    throw new DigdirApiError(
      403,
      `The client ${id} belongs to ${client.client_orgno}, not to your organisation (${caller.orgno})`,
    );
  }
  return client;
}

/**
 * Own clients need dcr.write (or dcr.modify for changes); clients registered for another org
 * need dcr.supplier.
 */
export function requireClientPermission(
  caller: Caller,
  client: Pick<Client, "client_orgno">,
  ownScopes: readonly AdminScope[],
): void {
  const needed: readonly AdminScope[] =
    client.client_orgno === caller.orgno ? ownScopes : ["idporten:dcr.supplier"];
  if (!needed.some((scope) => caller.scopes.has(scope))) {
    throw new DigdirApiError(
      403,
      `The token lacks the admin scope for this call: needs ${needed.join(" or ")}`,
    );
  }
}

/**
 * A scope can go on a client only if the client's org may use it and it admits the client's
 * integration type (docs/maskinporten.md §5). Scopes already on the client are not re-checked, so the admin
 * scopes Digdir put there by hand survive an update.
 */
function checkScopesForClient(
  store: SimulatorStore,
  scopes: readonly string[],
  clientOrgno: string,
  integrationType: IntegrationType,
  alreadyOnClient: ReadonlySet<string>,
): void {
  const problems: DigdirFieldError[] = [];
  for (const name of scopes) {
    if (alreadyOnClient.has(name)) continue;
    const scope = store.getScope(name);
    let problem: string | undefined;
    if (!scope) problem = `The scope ${name} does not exist`;
    else if (!scope.active) problem = `The scope ${name} is deactivated`;
    else if (!store.mayUseScope(clientOrgno, scope)) {
      problem = `The organisation ${clientOrgno} has not been granted access to the scope ${name}`;
    } else if (
      (scope.allowed_integration_types ?? []).length > 0 &&
      !(scope.allowed_integration_types ?? []).includes(integrationType)
    ) {
      problem = `The scope ${name} does not allow ${integrationType} clients (allowed: ${(scope.allowed_integration_types ?? []).join(", ")})`;
    }
    if (problem) problems.push(fieldError("Client", "scopes", problem));
  }
  if (problems.length > 0) {
    throw new DigdirApiError(
      400,
      problems.map((problem) => problem.errorMessage).join("; "),
      problems,
    );
  }
}

/** `/api/v1/clients…` (docs/maskinporten.md §5). */
export function clientRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const { store, clock } = ctx;
  const routes = new Hono<SimulatorEnv>();

  routes.get("/api/v1/clients", requireAdminScope(ctx, CLIENTS_READ), (c) => {
    const includeInactive = c.req.query("inactive") === "true";
    return c.json(store.clientsManagedBy(callerOf(c).orgno, includeInactive).sort(byName));
  });

  routes.post("/api/v1/clients", requireAdminScope(ctx, CLIENTS_CREATE), async (c) => {
    const caller = callerOf(c);
    const input = await parseJsonBody(c, ClientInput, "Client", DIGDIR_BODY);
    const clientOrgno = input.client_orgno ?? caller.orgno;
    if (clientOrgno !== caller.orgno && !caller.scopes.has("idporten:dcr.supplier")) {
      throw new DigdirApiError(
        403,
        `client_orgno ${clientOrgno} is not your organisation (${caller.orgno}); registering clients for others needs idporten:dcr.supplier`,
        [fieldError("Client", "client_orgno", "Must be your own organisation number")],
      );
    }
    requireClientPermission(caller, { client_orgno: clientOrgno }, ["idporten:dcr.write"]);
    const scopes = [...new Set(input.scopes)];
    checkScopesForClient(store, scopes, clientOrgno, input.integration_type, new Set());
    const now = clock.iso();
    const client: Client = {
      client_id: randomUUID(),
      client_name: input.client_name,
      description: input.description,
      integration_type: input.integration_type,
      application_type: input.application_type,
      token_endpoint_auth_method: input.token_endpoint_auth_method,
      grant_types: input.grant_types,
      scopes,
      client_orgno: clientOrgno,
      ...(clientOrgno !== caller.orgno ? { supplier_orgno: caller.orgno } : {}),
      active: input.active ?? true,
      access_token_lifetime: input.access_token_lifetime ?? DEFAULT_ACCESS_TOKEN_LIFETIME,
      created: now,
      last_updated: now,
    };
    return c.json(store.putClient(client));
  });

  routes.get("/api/v1/clients/:id", requireAdminScope(ctx, CLIENTS_READ), (c) =>
    c.json(managedClientOf(store, callerOf(c), c.req.param("id"))),
  );

  routes.put("/api/v1/clients/:id", requireAdminScope(ctx, CLIENTS_UPDATE), async (c) => {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id"));
    requireClientPermission(caller, client, ["idporten:dcr.write", "idporten:dcr.modify"]);
    const update = await parseJsonBody(c, ClientUpdate, "Client", DIGDIR_BODY);
    if (
      update.integration_type !== undefined &&
      update.integration_type !== client.integration_type
    ) {
      throw new DigdirApiError(
        400,
        "integration_type cannot change; register a new client instead",
        [fieldError("Client", "integration_type", `Stays ${client.integration_type}`)],
      );
    }
    const scopes = update.scopes ? [...new Set(update.scopes)] : (client.scopes ?? []);
    checkScopesForClient(
      store,
      scopes,
      client.client_orgno ?? "",
      client.integration_type ?? "maskinporten",
      new Set(client.scopes),
    );
    const { integration_type: _integrationType, ...changes } = update;
    const updated: Client = { ...client, ...changes, scopes, last_updated: clock.iso() };
    return c.json(store.putClient(updated));
  });

  routes.delete("/api/v1/clients/:id", requireAdminScope(ctx, CLIENTS_DELETE), (c) => {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id"));
    requireClientPermission(caller, client, ["idporten:dcr.write"]);
    // Digdir keeps deleted clients as inactive; their keys go, so the kids become free again.
    store.setJwks(client.client_id, undefined);
    return c.json(store.putClient({ ...client, active: false, last_updated: clock.iso() }));
  });

  return routes;
}
