import {
  AltinnMetadataProblem,
  type AltinnScopeInMaskinporten,
  type AltinnScopeUsage,
  AltinnValidationReport,
  type TextResources,
} from "@portvakt/altinn-scopes";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

// The answer's shapes are the altinn-scopes package's, as the BFF declares them.
export type Usage = AltinnScopeUsage;
/** One problem as `{code, params, detail}` (docs/i18n.md), with its severity and place. */
export const MetadataProblem = AltinnMetadataProblem;
export type MetadataProblem = AltinnMetadataProblem;
export type ScopeInMaskinporten = AltinnScopeInMaskinporten;
export type ValidationAnswer = AltinnValidationReport;

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
    AltinnValidationReport,
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
