import type { TextResources } from "@portvakt/altinn-scopes";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export const Usage = z.object({
  group: z.enum(["users", "serviceOwners"]),
  operation: z.enum(["read", "write"]),
});
export type Usage = z.infer<typeof Usage>;

/** One problem as `{code, params, detail}` (docs/i18n.md), with its severity and place. */
export const MetadataProblem = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string(),
  severity: z.enum(["error", "warning"]),
  path: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type MetadataProblem = z.infer<typeof MetadataProblem>;

const ScopeInMaskinporten = z.object({
  name: z.string(),
  usedBy: z.array(Usage),
  allowed_integration_types: z.array(z.string()),
  description: z.string(),
  maskinporten: z.enum(["active", "deactivated", "missing"]),
});
export type ScopeInMaskinporten = z.infer<typeof ScopeInMaskinporten>;

const ValidationAnswer = z.object({
  valid: z.boolean(),
  errors: z.number().int(),
  warnings: z.number().int(),
  problems: z.array(MetadataProblem),
  resolved: z
    .object({ id: z.string().optional(), app: z.string().optional(), active: z.boolean() })
    .nullable(),
  scopes: z.array(ScopeInMaskinporten),
});
export type ValidationAnswer = z.infer<typeof ValidationAnswer>;

/** Checks the file against the environment's prefixes and scopes; changes nothing. */
export function validateMetadata(
  env: string,
  metadata: string,
  textResources: TextResources | undefined,
  signal?: AbortSignal,
) {
  return call(
    bff.api.envs[":env"].altinn.validate.$post(
      { param: { env }, json: { metadata, ...(textResources ? { textResources } : {}) } },
      withSignal(signal),
    ),
    ValidationAnswer,
  );
}

export const altinnKeys = {
  all: (env: string) => [...queryKeys.env(env), "altinn"] as const,
  validation: (env: string, metadata: string, textResources: TextResources | undefined) =>
    [...queryKeys.env(env), "altinn", "validate", metadata, textResources ?? null] as const,
};

export const validationQueryOptions = (
  env: string,
  metadata: string,
  textResources: TextResources | undefined,
) =>
  queryOptions({
    queryKey: altinnKeys.validation(env, metadata, textResources),
    queryFn: ({ signal }) => validateMetadata(env, metadata, textResources, signal),
    staleTime: 15_000,
    // Keep showing the last report while the next one is on its way, so it does not flicker.
    placeholderData: keepPreviousData,
  });

export function useMetadataValidation(
  env: string,
  metadata: string,
  textResources: TextResources | undefined,
) {
  return useQuery({
    ...validationQueryOptions(env, metadata, textResources),
    enabled: metadata.trim() !== "",
  });
}
