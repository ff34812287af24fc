import { createRoute, z } from "@hono/zod-openapi";
import {
  AltinnProvisionReport,
  AltinnValidationReport,
  jsonNestingDepth,
  MAX_JSON_DEPTH,
  TextResources,
} from "@portvakt/altinn-scopes";
import { OrgNumber } from "@portvakt/contracts";
import type { MiddlewareHandler } from "hono";
import {
  maskinportenFacts,
  provisionAltinnApp,
  provisionOutcome,
  validationAnswer,
} from "../altinn/provision";
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

// A metadata file is a few kilobytes; the BFF's body limit is the hard stop, this the plain one.
// Nesting deeper than the app's JSON reader allows (64) is refused here, before the validator's
// parser sees it: the app could not read such a file either.
const MetadataText = z
  .string()
  .min(1, "Paste or upload applicationmetadata.json")
  .max(512_000)
  .refine((text) => jsonNestingDepth(text, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH, {
    message: `applicationmetadata.json nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels; the app cannot read it`,
  })
  .meta({ description: "The text of App/config/applicationmetadata.json" });

const ValidateRequest = z
  .object({
    metadata: MetadataText,
    textResources: TextResources.optional().meta({
      description: "The app's texts: {nb: {resources: [{id, value}]}, ...} or a list of files",
    }),
  })
  .meta({ id: "AltinnValidateRequest" });

const ProvisionRequest = z
  .object({
    metadata: MetadataText,
    grantTo: z
      .array(OrgNumber)
      .max(100)
      .optional()
      .meta({ description: "Consumer organisations to grant the users' scopes to" }),
    dryRun: z
      .boolean()
      .optional()
      .meta({ description: "Report what would be done, change nothing" }),
  })
  .meta({ id: "AltinnProvisionRequest" });

export const altinnRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/altinn/validate",
      middleware: [reads(), bodyDepthLimit()] as const,
      tags,
      summary:
        "Check an app's applicationmetadata.json (apiScopes) against the organisation's prefixes and scopes",
      request: { params: EnvParam, body: jsonBody(ValidateRequest) },
      responses: {
        200: jsonResponse(
          AltinnValidationReport,
          "Every problem, the resolved config, the scopes' state",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { metadata, textResources } = c.req.valid("json");
      const facts = await maskinportenFacts(environmentOf(c).api);
      return c.json(validationAnswer(metadata, facts, textResources), 200);
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
      request: { params: EnvParam, body: jsonBody(ProvisionRequest) },
      responses: {
        200: jsonResponse(AltinnProvisionReport, "What was done, per scope and grant"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { metadata, grantTo = [], dryRun = false } = c.req.valid("json");
      const answer = await provisionAltinnApp(
        guardedApiOf(c),
        { metadata, grantTo, dryRun },
        (app) =>
          recordChange(c, {
            target: `altinn app ${app}`,
            ...(dryRun ? { action: "altinn.provision.dry-run" } : {}),
          }),
      );
      // Partial success is not success: the entry says which items failed (issue 13, 3).
      recordChange(c, { after: answer.items, outcome: provisionOutcome(answer.items) });
      return c.json(answer, 200);
    },
  );
