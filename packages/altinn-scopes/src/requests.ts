import { coded, OrgNumber, ScopePrefix } from "@portvakt/contracts";
import { z } from "zod";
import { API_SCOPE_GROUPS, TextResources } from "./api-scopes";
import { jsonNestingDepth, MAX_JSON_DEPTH } from "./json-source";
import { type AltinnMessageCode, altinnMessages } from "./messages";

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

/** The body of `POST /api/envs/{env}/altinn/validate`. */
export const AltinnValidateRequest = z
  .object({
    metadata: AltinnMetadataText,
    textResources: TextResources.optional().meta({
      description: "The app's texts: {nb: {resources: [{id, value}]}, ...} or a list of files",
    }),
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
