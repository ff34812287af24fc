import { createRoute, z } from "@hono/zod-openapi";
import {
  DiagnoseAnswer as DiagnoseResult,
  type Diagnosis,
  type DiagnosisContext,
  diagnose,
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

const DiagnoseRequest = z
  .object({
    input: z
      .string()
      .min(1)
      .max(50_000)
      .meta({ description: "A JWT grant, an access token, or the JSON body of an error response" }),
    clientId: z.string().min(1).max(200).optional().meta({
      description: "The client to check the grant against; default: the grant's iss",
    }),
  })
  .openapi("DiagnoseRequest");

/** The client id a pasted grant names as iss, if the input is one. */
function grantIssuer(input: string): string | undefined {
  const text = input.trim().replace(/^(authorization:\s*)?bearer\s+/i, "");
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

async function clientContext(environment: Environment, clientId: string) {
  try {
    const [client, jwks] = await Promise.all([
      environment.api.getClient(clientId),
      environment.api.getJwks(clientId),
    ]);
    return { client, jwks };
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
      "Explain a grant, an access token or an error: every rule of docs/maskinporten.md §2 checked against the client and the organisation's scopes",
    request: { params: EnvParam, body: jsonBody(DiagnoseRequest) },
    responses: { 200: jsonResponse(DiagnoseResult, "The diagnosis"), ...problemResponses },
  }),
  async (c) => {
    const environment = environmentOf(c);
    const { input, clientId } = c.req.valid("json");
    refusePrivateKeyMaterial(input);
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
              scopes: found.client.scopes,
              keys: found.jwks.keys.map((key) => ({
                kid: key.kid ?? "",
                ...(key.exp !== undefined ? { exp: key.exp } : {}),
              })),
              hasKeys: found.jwks.keys.length > 0,
            },
          }
        : {}),
      ...(grantedScopes ? { grantedScopes } : {}),
    };
    const result: Diagnosis = diagnose(input, context);
    return c.json(
      {
        ...result,
        context: {
          issuer,
          ...(found
            ? {
                client: {
                  client_id: found.client.client_id,
                  client_name: found.client.client_name,
                  client_orgno: found.client.client_orgno,
                },
              }
            : {}),
          ...(wantedClient && !found
            ? {
                clientNote: `The client "${wantedClient}" could not be read in this environment (not this organisation's, or unknown); its keys and scopes were not checked.`,
              }
            : {}),
          grantedScopesKnown: grantedScopes !== undefined,
        },
      },
      200,
    );
  },
);
