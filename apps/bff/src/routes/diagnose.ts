import { createRoute } from "@hono/zod-openapi";
import { coded, DiagnoseRequest } from "@portvakt/contracts";
import {
  DiagnoseAnswer as DiagnoseResult,
  type Diagnosis,
  type DiagnosisContext,
  diagnose,
  diagnosisMessages,
} from "@portvakt/diagnosis";
import { decodeJwt } from "jose";
import { reads } from "../auth/guard";
import type { Environment } from "../upstream";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";
import { refusePrivateKeyMaterial } from "./token-test";

const tags = ["diagnose"];

/** The client id a pasted grant names as iss, if the input is one. */
function grantIssuer(input: string): string | undefined {
  // A grant pasted with a line break in it is still read (the diagnosis names the break).
  const text = input
    .trim()
    .replace(/^(authorization:\s*)?bearer\s+/i, "")
    .replace(/\s+/g, "");
  try {
    const claims = decodeJwt(text);
    if ("consumer" in claims || "client_id" in claims) return undefined;
    return typeof claims.iss === "string" ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

/** Scopes the organisation may use now: granted (APPROVED), own, and accessible to all. */
async function usableScopes(environment: Environment): Promise<string[] | undefined> {
  const [granted, own, forAll] = await Promise.allSettled([
    environment.api.listAccessGrantedToMe(),
    environment.api.listScopes(),
    environment.api.listScopeCatalogue({ accessible_for_all: "true" }),
  ]);
  if (granted.status === "rejected" && own.status === "rejected") return undefined;
  return [
    ...(granted.status === "fulfilled"
      ? granted.value.filter((g) => g.state === "APPROVED").map((g) => g.scope)
      : []),
    ...(own.status === "fulfilled" ? own.value.filter((s) => s.active).map((s) => s.name) : []),
    ...(forAll.status === "fulfilled"
      ? forAll.value.filter((s) => s.active && s.accessible_for_all).map((s) => s.name)
      : []),
  ];
}

/**
 * The client and its registered public keys, read through the self-service API, so the
 * diagnosis can check kid, expiry and the grant's signature (MP-124). (A key-less client's 404
 * is read as an empty set by the client library.)
 */
async function clientContext(environment: Environment, clientId: string) {
  try {
    const [client, jwks] = await Promise.all([
      environment.api.getClient(clientId),
      environment.api.getJwks(clientId),
    ]);
    return { client, keys: jwks.keys };
  } catch {
    return undefined;
  }
}

export const diagnoseRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/api/envs/{env}/diagnose",
    middleware: [reads()] as const,
    tags,
    summary:
      "Explain a grant, an access token or an error: every rule of Maskinporten checked against the client (its registered keys: kid, expiry, signature) and the organisation's scopes",
    request: { params: EnvParam, body: jsonBody(DiagnoseRequest) },
    responses: { 200: jsonResponse(DiagnoseResult, "The diagnosis"), ...problemResponses },
  }),
  async (c) => {
    const environment = environmentOf(c);
    const { input, clientId } = c.req.valid("json");
    refusePrivateKeyMaterial("input", input);
    const issuer = environment.config.issuer;
    const wantedClient = clientId ?? grantIssuer(input);
    const [found, grantedScopes] = await Promise.all([
      wantedClient ? clientContext(environment, wantedClient) : Promise.resolve(undefined),
      usableScopes(environment),
    ]);
    const context: DiagnosisContext = {
      environment: { issuer, kind: environment.config.kind },
      ...(found
        ? {
            client: {
              client_id: found.client.client_id,
              scopes: found.client.scopes ?? [],
              keys: found.keys.map((key) => ({
                kid: key.kid ?? "",
                ...(key.exp !== undefined ? { exp: key.exp } : {}),
                jwk: { kty: key.kty, n: key.n, e: key.e, ...(key.alg ? { alg: key.alg } : {}) },
              })),
              hasKeys: found.keys.length > 0,
            },
          }
        : {}),
      ...(grantedScopes ? { grantedScopes } : {}),
    };
    const result: Diagnosis = await diagnose(input, context);
    return c.json(
      {
        ...result,
        context: {
          issuer,
          ...(found
            ? {
                client: {
                  client_id: found.client.client_id,
                  client_name: found.client.client_name ?? found.client.client_id,
                  client_orgno: found.client.client_orgno ?? "",
                },
              }
            : {}),
          ...(wantedClient && !found
            ? {
                clientNote: {
                  code: "diagnosis.context.client-unreadable" as const,
                  params: { clientId: wantedClient },
                  detail: coded(diagnosisMessages, "diagnosis.context.client-unreadable", {
                    clientId: wantedClient,
                  }).detail,
                },
              }
            : {}),
          keysRead: found !== undefined,
          grantedScopesKnown: grantedScopes !== undefined,
        },
      },
      200,
    );
  },
);
