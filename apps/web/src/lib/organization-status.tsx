import { OrganizationStatus } from "@portvakt/contracts";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Badge } from "../components/ui/status";
import { bff, call, withSignal } from "./api-client";
import { useI18n } from "./i18n";
import { queryKeys } from "./query-keys";

const statusQuery = (env: string, orgno: string) => ({
  queryKey: [...queryKeys.organization(env, orgno), "status"],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(
      bff.api.envs[":env"].organizations[":orgno"].status.$get(
        { param: { env, orgno } },
        withSignal(signal),
      ),
      OrganizationStatus,
    ),
  // The BFF caches Enhetsregisteret's answers too; a page need not ask again within 5 minutes.
  staleTime: 5 * 60_000,
  retry: false,
});

/**
 * An organisation's name (Digdir) and state in Enhetsregisteret (BFF
 * `GET /api/envs/{env}/organizations/{orgno}/status`), to show beside its number and to confirm
 * before granting to a deleted, bankrupt or wound-up one (issue 14 #16).
 */
export function useOrganizationStatus(env: string, orgno: string | undefined) {
  return useQuery({ ...statusQuery(env, orgno ?? ""), enabled: Boolean(orgno) });
}

/** The states of several organisations, by number (undefined while unknown). */
export function useOrganizationStatuses(env: string, orgnos: string[]) {
  return useQueries({
    queries: orgnos.map((orgno) => statusQuery(env, orgno)),
    combine: (results) =>
      Object.fromEntries(orgnos.map((orgno, i) => [orgno, results[i]?.data])) as Record<
        string,
        OrganizationStatus | undefined
      >,
  });
}

/** The state's words in the page's language ("Konkurs", "Slettet 30. juni 2024"). */
export function useRegistryStateText() {
  const { t, formatDate } = useI18n();
  return (status: OrganizationStatus | undefined): string | undefined => {
    if (!status) return undefined;
    if (status.registry === "unavailable") return t("orgStatus.unavailable");
    if (!status.state) return undefined;
    if (status.state === "deleted" && status.deleted_on) {
      return t("orgStatus.deletedOn", { date: formatDate(status.deleted_on) });
    }
    return t(`orgStatus.state.${status.state}`);
  };
}

/**
 * A badge of an organisation's state: red for deleted, bankrupt or not found, amber for being
 * wound up or unknown, nothing for an active one (or when the look-up is switched off).
 */
export function RegistryStateBadge({ status }: { status: OrganizationStatus | undefined }) {
  const text = useRegistryStateText()(status);
  if (!status || !text || status.state === "active") return null;
  const tone =
    status.state === "deleted" || status.state === "bankrupt" || status.state === "not-found"
      ? "danger"
      : "warning";
  return (
    <span data-testid="registry-state" data-state={status.state ?? status.registry}>
      <Badge tone={tone}>{text}</Badge>
    </span>
  );
}
