import { coded, LANGS, OrgNumber, ScopePrefix } from "@portvakt/contracts";
import { z } from "zod";
import { API_SCOPE_GROUPS, TextResources } from "./api-scopes";
import { decodeTokenClaims, TokenDecodeError } from "./authorize";
import type { CallerKind } from "./caller";
import { jsonNestingDepth, MAX_JSON_DEPTH } from "./json-source";
import { type AltinnMessageCode, altinnMessages } from "./messages";
import { parseEndpointList } from "./routes";

/**
 * The request bodies of the BFF's Altinn routes and the inputs of the web app's Altinn forms as
 * zod schemas, one definition for the BFF (checking and OpenAPI) and the web (its forms' client
 * check): issue 14, item 9. Messages are coded (`altinnMessages`, `validationMessages`), so a
 * refusal is shown in nb, nn or en (docs/i18n.md).
 */

/** A custom zod issue whose message is a code of `altinnMessages` (read back by `codedIssue`). */
function altinnIssue(
  ctx: z.RefinementCtx,
  code: AltinnMessageCode,
  params?: Record<string, string | number>,
) {
  const text = coded(altinnMessages, code, params);
  ctx.addIssue({
    code: "custom",
    message: text.detail,
    params: { code: text.code, ...(text.params ? { params: text.params } : {}) },
  });
}

/**
 * The text of `App/config/applicationmetadata.json`: not empty, at most 512,000 characters (a
 * file is a few kilobytes; the BFF's body limit is the hard stop), and nested no deeper than
 * `MAX_JSON_DEPTH`, the app's own JSON reader's limit (such a file could not be read by the app;
 * refused before the validator's parser sees it).
 */
export const AltinnMetadataText = z
  .string()
  .max(512_000)
  .superRefine((text, ctx) => {
    if (text.trim() === "") altinnIssue(ctx, "altinn.request.metadata-empty");
    else if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      altinnIssue(ctx, "altinn.request.metadata-too-deep", { max: MAX_JSON_DEPTH });
    }
  })
  .meta({ description: "The text of App/config/applicationmetadata.json" });

/** The language of the descriptions of scopes provisioning creates (nb, nn or en; default nb). */
const DescriptionLanguage = z.enum(LANGS).optional().meta({
  description:
    "Language of the descriptions of the scopes provisioning creates: nb (default), nn or en",
});

/** The body of `POST /api/envs/{env}/altinn/validate`. */
export const AltinnValidateRequest = z
  .object({
    metadata: AltinnMetadataText,
    textResources: TextResources.optional().meta({
      description: "The app's texts: {nb: {resources: [{id, value}]}, ...} or a list of files",
    }),
    language: DescriptionLanguage,
  })
  .meta({ id: "AltinnValidateRequest" });
export type AltinnValidateRequest = z.infer<typeof AltinnValidateRequest>;

/**
 * The body of `POST /api/envs/{env}/altinn/provision`: the metadata, at most 100 consumer
 * organisation numbers (mod 11 checked: `OrgNumber`) to grant the users' scopes to, and whether
 * this is a dry run. A refused number's issue path is `grantTo.<index>`.
 */
export const AltinnProvisionRequest = z
  .object({
    metadata: AltinnMetadataText,
    grantTo: z
      .array(OrgNumber)
      .max(100)
      .optional()
      .meta({ description: "Consumer organisations to grant the users' scopes to" }),
    dryRun: z
      .boolean()
      .optional()
      .meta({ description: "Report what would be done, change nothing" }),
    language: DescriptionLanguage,
  })
  .meta({ id: "AltinnProvisionRequest" });
export type AltinnProvisionRequest = z.infer<typeof AltinnProvisionRequest>;

/** An app name as `generateApiScopes` takes it: no `/` and no white space. */
export const APP_NAME_PATTERN = /^[^/\s]+$/;

/**
 * The options of `generateApiScopes` as the Altinn page's "start from an app" form sends them,
 * plus the owner `org` (for a new file's skeleton `{id: "org/app", org}`): a prefix the naming
 * rule allows (`ScopePrefix`), an app name without `/` or white space
 * (`altinn.generate.invalid-app`, as `generateApiScopes` itself refuses it), the style, and at
 * least one group. Strings are trimmed.
 */
export const StartFromAppInput = z.object({
  org: z.string().trim().min(1),
  app: z
    .string()
    .trim()
    .min(1)
    .superRefine((app, ctx) => {
      if (app !== "" && !APP_NAME_PATTERN.test(app)) {
        altinnIssue(ctx, "altinn.generate.invalid-app", { app });
      }
    }),
  prefix: z.string().min(1).pipe(ScopePrefix),
  style: z.enum(["placeholder", "concrete"]),
  groups: z.array(z.enum(API_SCOPE_GROUPS)).min(1),
});
export type StartFromAppInput = z.infer<typeof StartFromAppInput>;

/** The HTTP methods the Altinn page's "try a request" form offers. */
export const TRY_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
/** The caller kinds the form offers when no token is pasted (`CallerKind`). */
export const TRY_CALLERS = [
  "user",
  "systemUser",
  "org",
  "serviceOwner",
  "unknown",
  "none",
] as const satisfies readonly CallerKind[];

/**
 * The Altinn page's "try a request" form, decided in the browser with `authorize`: the caller
 * (chosen, or made from a pasted token), the method and path, the app's own endpoints one per
 * line (`parseEndpointList`; a line that is not `METHOD route` is refused with
 * `altinn.endpoint.invalid-lines`, its 1-based numbers in `lines`), the token's scopes (a
 * space-separated list) and the person's language. A pasted token must be readable by
 * `decodeTokenClaims` (its `TokenDecodeError` code, `altinn.token.*`, on `token`); it is never
 * sent anywhere.
 */
export const TryRequestInput = z
  .object({
    caller: z.enum(TRY_CALLERS),
    method: z.enum(TRY_METHODS),
    path: z.string(),
    ownRoutes: z.string().superRefine((text, ctx) => {
      const { invalid } = parseEndpointList(text);
      if (invalid.length > 0) {
        // No plural in the text: the web reads a custom issue's English back into its code.
        altinnIssue(ctx, "altinn.endpoint.invalid-lines", { lines: invalid.join(", ") });
      }
    }),
    source: z.enum(["scopes", "token"]),
    scopes: z.string(),
    token: z.string(),
    language: z.string(),
  })
  .superRefine((input, ctx) => {
    if (input.source !== "token" || input.token.trim() === "") return;
    try {
      decodeTokenClaims(input.token);
    } catch (error) {
      if (!(error instanceof TokenDecodeError)) throw error;
      ctx.addIssue({
        code: "custom",
        path: ["token"],
        message: error.message,
        params: { code: error.code },
      });
    }
  });
export type TryRequestInput = z.infer<typeof TryRequestInput>;
