import { z } from "zod";
import { MessageParams } from "./messages";

/** One field error in Digdir's error body (docs/maskinporten.md §7). */
export const DigdirFieldError = z.object({
  errorMessage: z.string(),
  isFieldError: z.boolean().optional(),
  objectName: z.string().optional(),
  fieldIdentifier: z.string().optional(),
});
export type DigdirFieldError = z.infer<typeof DigdirFieldError>;

/** The error body of the self-service API (docs/maskinporten.md §7; every member optional per the 2025 OpenAPI). */
export const DigdirError = z
  .looseObject({
    status: z.number().int().optional(),
    timestamp: z.string().optional(),
    correlation_id: z.string().optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
    errors: z.array(DigdirFieldError.partial({ errorMessage: true })).optional(),
  })
  .meta({ id: "DigdirError" });
export type DigdirError = z.infer<typeof DigdirError>;

/** The error body of Maskinporten's token endpoint (docs/maskinporten.md §2), e.g. MP-250 `forbidden`. */
export const TokenError = z
  .object({
    error: z.string(),
    error_description: z.string().optional(),
    error_uri: z.string().optional(),
  })
  .meta({ id: "TokenError" });
export type TokenError = z.infer<typeof TokenError>;

/** `MP-250` from `https://…/errors/MP-250`, if the token error names one. */
export function mpCodeOf(error: TokenError): string | undefined {
  return error.error_uri?.match(/MP-\d{3}/)?.[0];
}

export const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/**
 * One field error of a problem. `message` is English (API clients, CLI); `code` and `params`
 * name the text for the browser to render in the page's language (docs/i18n.md).
 */
export const ProblemFieldError = z.object({
  field: z.string().optional(),
  message: z.string(),
  code: z.string().optional(),
  params: MessageParams.optional(),
});

/**
 * RFC 9457 problem details, as the BFF answers every error. `detail` is English; `code` and
 * `params` (extension members) let the browser render the text in nb, nn or en (docs/i18n.md).
 */
export const Problem = z
  .object({
    type: z.string().default("about:blank"),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    code: z.string().optional(),
    params: MessageParams.optional(),
    instance: z.string().optional(),
    correlation_id: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(ProblemFieldError).optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;
