import { AuditPage, type AuditFilters as AuditQuery } from "@portvakt/contracts";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { bff, call, withSignal } from "../../../lib/api-client";

// The entries' shapes are the contracts' (one definition with the BFF).
export { AuditEntry, AuditOutcome, AuditPage } from "@portvakt/contracts";

/**
 * The filters as the BFF takes them (the contracts' `AuditFilters` query, without the paging
 * members this module sets); `from`/`to` are ISO date-times in UTC.
 */
export type AuditFilters = Pick<AuditQuery, "person" | "action" | "env" | "from" | "to">;

export const AUDIT_PAGE_SIZE = 50;

/** Only the filters that are set, so the query string (and the cache key) stays minimal. */
export function auditQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = value?.trim();
    if (trimmed) query[key] = trimmed;
  }
  return query;
}

export function getAuditPage(filters: AuditFilters, after?: string, signal?: AbortSignal) {
  return call(
    bff.api.audit.$get(
      {
        query: {
          ...auditQuery(filters),
          limit: String(AUDIT_PAGE_SIZE),
          ...(after ? { after } : {}),
        },
      },
      withSignal(signal),
    ),
    AuditPage,
  );
}

export const auditQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ["audit", auditQuery(filters)] as const,
    queryFn: ({ pageParam, signal }) => getAuditPage(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    // The log grows with every change anyone makes: show what is there when the page opens.
    staleTime: 0,
  });

export function useAuditEntries(filters: AuditFilters) {
  return useInfiniteQuery(auditQueryOptions(filters));
}
