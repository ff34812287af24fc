import { createRoute } from "@hono/zod-openapi";
import {
  containsPrivateKey,
  JWT_BEARER_GRANT,
  TokenTestInfo,
  TokenTestRequest,
  TokenTestResult,
} from "@portvakt/contracts";
import { explainTokenError } from "@portvakt/maskinporten-rules";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { reads } from "../auth/guard";
import { ProblemError } from "../problem";
import type { Environment } from "../upstream";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["token-test"];
const TOKEN_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Refuses a body that carries a private key (`containsPrivateKey` of packages/contracts), before
 * anything is sent anywhere: 400 `problem.token-test.private-key`, its field error on `field`
 * (the body member the key was found in, e.g. `input`; none when the key may be anywhere in
 * the body), so a form shows it on that field.
 */
export function refusePrivateKeyMaterial(field: string | undefined, ...texts: string[]): void {
  for (const text of texts) {
    if (containsPrivateKey(text)) {
      throw new ProblemError(400, {
        type: "urn:portvakt:problem:private-key",
        detail:
          "The request contains a private key. A private key must never leave the machine it belongs to: Portvakt only needs the signed grant (or the public key). Nothing was sent.",
        code: "problem.token-test.private-key",
        errors: [
          {
            ...(field ? { field } : {}),
            message: "Private key material refused",
            code: "problem.field.private-key",
          },
        ],
      });
    }
  }
}

/** The decoded header and payload of a JWT's first two parts, as text, for the check above. */
function decodedText(jwt: string): string {
  return jwt
    .split(".")
    .slice(0, 2)
    .map((part) => {
      try {
        return Buffer.from(part, "base64url").toString("utf8");
      } catch {
        return "";
      }
    })
    .join("\n");
}

function refuseProd(environment: Environment): void {
  if (environment.config.kind === "prod") {
    throw new ProblemError(403, {
      type: "urn:portvakt:problem:token-test-prod",
      detail: `Token tests are not run in the production environment "${environment.config.id}": a production token is a live credential for real APIs, and a test should never create one. Test in the demo or test environment.`,
      code: "problem.token-test.prod",
      params: { env: environment.config.id },
    });
  }
}

function decodeAccessToken(token: string) {
  try {
    return {
      header: decodeProtectedHeader(token) as Record<string, unknown>,
      claims: decodeJwt(token) as Record<string, unknown>,
    };
  } catch {
    return null;
  }
}

async function requestToken(environment: Environment, assertion: string) {
  const endpoint = `${environment.config.issuer}token`;
  try {
    return await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
      signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const timeout = error instanceof DOMException && error.name === "TimeoutError";
    throw new ProblemError(timeout ? 504 : 502, {
      detail: timeout
        ? `Maskinporten's token endpoint (${endpoint}) did not answer within ${TOKEN_REQUEST_TIMEOUT_MS / 1000} s`
        : `Maskinporten's token endpoint (${endpoint}) could not be reached`,
      code: "problem.token-test.unreachable",
      params: { timeout: timeout ? "yes" : "no", seconds: TOKEN_REQUEST_TIMEOUT_MS / 1000 },
    });
  }
}

export const tokenTestRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/token-test",
      middleware: [reads()] as const,
      tags,
      summary:
        "Where grants of this environment go: issuer (= aud), token endpoint, and whether testing is allowed",
      request: { params: EnvParam },
      responses: {
        200: jsonResponse(TokenTestInfo, "The environment's token endpoint"),
        ...problemResponses,
      },
    }),
    (c) => {
      const environment = environmentOf(c);
      const prod = environment.config.kind === "prod";
      return c.json(
        {
          issuer: environment.config.issuer,
          token_endpoint: `${environment.config.issuer}token`,
          allowed: !prod,
          ...(prod ? { reason: "Token tests are not run in production" } : {}),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/token-test",
      // A viewer may test: it changes nothing in Portvakt or at Digdir, and the grant was made
      // with a key the person already holds.
      middleware: [reads()] as const,
      tags,
      summary:
        "Send a signed JWT grant to the environment's token endpoint; answers the decoded token or the explained error, never the token itself",
      request: { params: EnvParam, body: jsonBody(TokenTestRequest) },
      responses: {
        200: jsonResponse(TokenTestResult, "Maskinporten's answer, decoded or explained"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const environment = environmentOf(c);
      const body = c.req.valid("json");
      // The key may be in any member of the body (it is read loosely): no one field to name.
      refusePrivateKeyMaterial(undefined, JSON.stringify(body), decodedText(body.assertion));
      refuseProd(environment);
      const assertion = body.assertion.trim();
      if (assertion.split(".").length !== 3) {
        throw new ProblemError(400, {
          detail: "The assertion is not a signed JWT (three base64url parts separated by dots)",
          code: "problem.token-test.not-jwt",
          errors: [{ field: "assertion", message: "Not a JWT", code: "problem.field.not-jwt" }],
        });
      }
      const response = await requestToken(environment, assertion);
      let answer: Record<string, unknown> = {};
      try {
        answer = (await response.json()) as Record<string, unknown>;
      } catch {
        answer = {};
      }
      if (response.ok && typeof answer.access_token === "string") {
        return c.json(
          {
            ok: true as const,
            status: response.status,
            token: decodeAccessToken(answer.access_token),
            ...(typeof answer.token_type === "string" ? { token_type: answer.token_type } : {}),
            ...(typeof answer.expires_in === "number" ? { expires_in: answer.expires_in } : {}),
            ...(typeof answer.scope === "string" ? { scope: answer.scope } : {}),
          },
          200,
        );
      }
      const explanation = explainTokenError(answer);
      const mpCode = explanation?.uriCode ?? explanation?.rule.mpCode;
      return c.json(
        {
          ok: false as const,
          status: response.status,
          error: typeof answer.error === "string" ? answer.error : `http_${response.status}`,
          ...(typeof answer.error_description === "string"
            ? { error_description: answer.error_description }
            : {}),
          ...(mpCode ? { mp_code: mpCode } : {}),
          ...(explanation
            ? {
                explanation: {
                  id: explanation.rule.id,
                  cause: explanation.rule.cause,
                  causeCode: explanation.rule.causeCode,
                  fix: explanation.rule.fix,
                  fixCode: explanation.rule.fixCode,
                  matched_by: explanation.matchedBy,
                },
              }
            : {}),
        },
        200,
      );
    },
  );
