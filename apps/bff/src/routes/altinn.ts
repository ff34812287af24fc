import { createRoute } from "@hono/zod-openapi";
import {
  AltinnProvisionReport,
  AltinnProvisionRequest,
  AltinnValidateRequest,
  AltinnValidationReport,
  jsonNestingDepth,
} from "@portvakt/altinn-scopes";
import type { MiddlewareHandler } from "hono";
import {
  maskinportenFacts,
  provisionAltinnApp,
  provisionOutcome,
  validationAnswer,
} from "../altinn/provision";
import { targetPart } from "../audit/text";
import { changes, reads, recordChange } from "../auth/guard";
import { guardedApiOf } from "../changes/request";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["altinn"];

/**
 * The deepest nesting of objects and arrays a request body of these routes may have. The bodies
 * are `{metadata: "...", textResources: {nb: {resources: [{id, value, variables: [{...}]}]}}}`,
 * six levels at most; 32 leaves room and keeps any parser far from its stack's end.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Refuses a JSON body nested deeper than `MAX_BODY_DEPTH` with 400 before anything parses it
 * into objects (the count is iterative and stops at the limit, so 8 KB of "[[[[" is harmless).
 */
export function bodyDepthLimit(max = MAX_BODY_DEPTH): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (/json/i.test(type)) {
      const text = await c.req.text();
      if (jsonNestingDepth(text, max) > max) {
        throw new ProblemError(400, {
          detail: `The request body nests objects and arrays deeper than ${max} levels`,
          code: "altinn.request.too-deep",
          params: { max },
          errors: [
            {
              message: `Nested deeper than ${max} levels`,
              code: "altinn.request.too-deep",
              params: { max },
            },
          ],
        });
      }
    }
    await next();
  };
}

// The bodies' schemas are the altinn-scopes package's, shared with the web's forms (issue 14,
// item 9): the metadata text refuses nesting deeper than the app's JSON reader allows (64)
// before the validator's parser sees it, since the app could not read such a file either.
// Its refusals are coded (altinn.request.*), so the page words them in nb, nn or en.
export const altinnRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/altinn/validate",
      middleware: [reads(), bodyDepthLimit()] as const,
      tags,
      summary:
        "Check an app's applicationmetadata.json (apiScopes) against the organisation's prefixes and scopes",
      request: { params: EnvParam, body: jsonBody(AltinnValidateRequest) },
      responses: {
        200: jsonResponse(
          AltinnValidationReport,
          "Every problem, the resolved config, the scopes' state",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { metadata, textResources, language } = c.req.valid("json");
      const facts = await maskinportenFacts(environmentOf(c).api);
      return c.json(validationAnswer(metadata, facts, textResources, language), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/altinn/provision",
      middleware: [changes("admin", "altinn.provision"), bodyDepthLimit()] as const,
      tags,
      summary:
        "Create (or reactivate) the app's missing scopes and grant the users' scopes to consumers; safe to repeat",
      request: { params: EnvParam, body: jsonBody(AltinnProvisionRequest) },
      responses: {
        200: jsonResponse(AltinnProvisionReport, "What was done, per scope and grant"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { metadata, grantTo = [], dryRun = false, language } = c.req.valid("json");
      const answer = await provisionAltinnApp(
        guardedApiOf(c),
        { metadata, grantTo, dryRun, ...(language ? { language } : {}) },
        (app) =>
          recordChange(c, {
            target: {
              text: `altinn app ${app}`,
              parts: [targetPart("audit.target.altinn-app", { app })],
            },
            ...(dryRun ? { action: "altinn.provision.dry-run" } : {}),
          }),
      );
      // Partial success is not success: the entry says which items failed (issue 13, 3).
      recordChange(c, { after: answer.items, outcome: provisionOutcome(answer.items) });
      return c.json(answer, 200);
    },
  );
