import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";

/** `unknown`: Digdir's answer was lost; a later entry with `follows` says what happened. */
export const AuditOutcome = z.enum(["success", "failure", "denied", "partial", "unknown"]);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: z.string(),
  time: z.string(),
  actor: z.object({ sub: z.string(), name: z.string() }),
  role: z.string(),
  env: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: AuditOutcome,
  status: z.number(),
  requestId: z.string(),
  correlationId: z.string().optional(),
  detail: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** The id of the earlier entry (outcome unknown) this one follows up. */
  follows: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().optional() });
export type AuditPage = z.infer<typeof AuditPage>;

/** The filters as the BFF takes them; `from`/`to` are ISO date-times in UTC. */
export type AuditFilters = {
  person?: string;
  action?: string;
  env?: string;
  from?: string;
  to?: string;
};

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
