import { isValidOrgNumber, Organization, OrganizationStatus } from "@portvakt/contracts";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { ConfirmDialog } from "../components/ui/dialog";
import { Badge } from "../components/ui/status";
import { bff, call, withSignal } from "./api-client";
import { useI18n } from "./i18n";
import { queryKeys } from "./query-keys";

const organizationQuery = (env: string, orgno: string) => ({
  queryKey: queryKeys.organization(env, orgno),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(
      bff.api.envs[":env"].organizations[":orgno"].$get(
        { param: { env, orgno } },
        withSignal(signal),
      ),
      Organization,
    ),
  // Names in Enhetsregisteret change rarely: one look-up per organisation an hour.
  staleTime: 60 * 60_000,
  retry: false,
});

/**
 * An organisation's name from Digdir's `/organizations/{orgnr}` (which reads Enhetsregisteret),
 * through the BFF; asked for once the number is valid (`enabled`).
 */
export function useOrganization(env: string, orgno: string, enabled: boolean) {
  return useQuery({ ...organizationQuery(env, orgno), enabled });
}

/**
 * The names of several organisations, by number (undefined while unknown, or when Digdir does
 * not know it: then a page shows the number only). Each is cached an hour in the page, so a
 * table asks once per organisation, however many rows name it.
 */
export function useOrganizationNames(env: string, orgnos: readonly string[]) {
  const names = useQueries({
    queries: orgnos.map((orgno) => organizationQuery(env, orgno)),
    combine: (results) => results.map((result) => result.data?.name ?? ""),
  });
  // The same object while no name changed, so tables built from it are not rebuilt each render.
  const key = `${orgnos.join(",")}|${names.join("\u0000")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for orgnos and names
  return useMemo(
    () =>
      Object.fromEntries(orgnos.map((orgno, i) => [orgno, names[i] || undefined])) as Record<
        string,
        string | undefined
      >,
    [key],
  );
}

/** The valid organisation numbers (nine digits, mod-11) in a text, once each, in order. */
export function orgnosIn(text: string): string[] {
  return [...new Set(text.match(/(?<!\d)\d{9}(?!\d)/g) ?? [])].filter(isValidOrgNumber);
}

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
 * wound up or unknown, nothing for an active one. With the look-up switched off (closed
 * networks: `registry: "off"`), nothing, or with `showOff` a note saying so (the page about one
 * organisation, where no badge would read as "active").
 */
export function RegistryStateBadge({
  status,
  showOff = false,
}: {
  status: OrganizationStatus | undefined;
  showOff?: boolean;
}) {
  const { t } = useI18n();
  const text = useRegistryStateText()(status);
  if (showOff && status?.registry === "off") {
    return (
      // A note, not a state: plain text that wraps (a badge does not, and at 390 px it ran
      // off the screen).
      <span
        data-testid="registry-state"
        data-state="off"
        className="text-sm text-slate-600 dark:text-slate-400"
      >
        {t("orgStatus.off")}
      </span>
    );
  }
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

/** How many look-ups a grant check sends at once (the BFF caches each answer). */
const CHECK_CONCURRENCY = 8;

/**
 * The organisations among `orgnos` whose grant needs confirmation (`needs_confirmation`:
 * deleted, bankrupt, being wound up, not found), each once, in the order given. Every number is
 * looked up (at most `concurrency` at a time) before it resolves; a look-up that fails counts as
 * "not known" and does not flag the organisation.
 */
export async function flaggedOrganizations(
  orgnos: readonly string[],
  lookUp: (orgno: string) => Promise<OrganizationStatus>,
  concurrency = CHECK_CONCURRENCY,
): Promise<OrganizationStatus[]> {
  const distinct = [...new Set(orgnos)];
  const found = new Map<string, OrganizationStatus>();
  let next = 0;
  const worker = async () => {
    while (next < distinct.length) {
      const orgno = distinct[next++]!;
      const status = await lookUp(orgno).catch(() => undefined);
      if (status?.needs_confirmation) found.set(orgno, status);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return distinct.flatMap((orgno) => found.get(orgno) ?? []);
}

/**
 * A check to run before any grant (issue 14 #16): {@link flaggedOrganizations} with each state
 * read from the page's cache when fresh, otherwise from the BFF
 * (`GET /api/envs/{env}/organizations/{orgno}/status`). It waits for answers not yet loaded, so
 * a quick click cannot skip the question.
 */
export function useGrantCheck(env: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (orgnos: readonly string[]) =>
      flaggedOrganizations(orgnos, (orgno) => queryClient.fetchQuery(statusQuery(env, orgno))),
    [queryClient, env],
  );
}

/**
 * A grant guarded by {@link useGrantCheck}: `request(orgnos, scopes, run)` runs `run` at once when
 * every organisation is active (or its state unknown), otherwise opens {@link GrantConfirmation}
 * and runs it when the person confirms. `checking` is true while the states are read.
 */
export function useGuardedGrant(env: string) {
  const check = useGrantCheck(env);
  const [pending, setPending] = useState<{
    flagged: OrganizationStatus[];
    scopes: number;
    run: () => void;
  } | null>(null);
  const [checking, setChecking] = useState(false);
  const request = useCallback(
    async (orgnos: readonly string[], scopes: number, run: () => void) => {
      setChecking(true);
      try {
        const flagged = await check(orgnos);
        if (flagged.length === 0) run();
        else setPending({ flagged, scopes, run });
      } finally {
        setChecking(false);
      }
    },
    [check],
  );
  return {
    request,
    checking,
    dialog: {
      flagged: pending?.flagged ?? [],
      scopes: pending?.scopes ?? 0,
      onClose: () => setPending(null),
      onConfirm: () => {
        const run = pending?.run;
        setPending(null);
        run?.();
      },
    },
  };
}

/**
 * "Grant access anyway?": names each organisation that is not active in Enhetsregisteret with its
 * state, and how many scopes would be granted. Closed when `flagged` is empty.
 */
export function GrantConfirmation({
  flagged,
  scopes,
  onClose,
  onConfirm,
}: {
  flagged: OrganizationStatus[];
  scopes: number;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const stateText = useRegistryStateText();
  const orgOf = (s: OrganizationStatus) => (s.name ? `${s.name} (${s.orgno})` : s.orgno);
  const first = flagged[0];
  return (
    <ConfirmDialog
      open={flagged.length > 0}
      onClose={onClose}
      onConfirm={onConfirm}
      title={t("orgStatus.confirmTitle")}
      confirmLabel={t("orgStatus.confirm")}
      subjectName={flagged.length === 1 && first ? first.orgno : String(flagged.length)}
    >
      {flagged.length === 1 && first ? (
        <p data-testid="grant-confirmation">
          {t("orgStatus.confirmBody", {
            org: orgOf(first),
            state: stateText(first) ?? "",
            count: scopes,
          })}
        </p>
      ) : (
        <div className="flex flex-col gap-2" data-testid="grant-confirmation">
          <p>{t("orgStatus.confirmManyBody", { orgs: flagged.length, count: scopes })}</p>
          <ul className="max-h-48 list-disc overflow-auto pl-5">
            {flagged.slice(0, 50).map((s) => (
              <li key={s.orgno}>
                {orgOf(s)}: {stateText(s)}
              </li>
            ))}
            {flagged.length > 50 && <li>… +{flagged.length - 50}</li>}
          </ul>
        </div>
      )}
    </ConfirmDialog>
  );
}
