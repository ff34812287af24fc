import { AuditFilters as AuditQuery } from "@portvakt/contracts";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { Form, FormField, FormProblem, useContractForm } from "../../../components/form/form";
import { Button } from "../../../components/ui/button";
import { Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { EmptyState, Loading, PageHeader } from "../../../components/ui/status";
import { type ColumnDef, DataTable } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { ACTION_GROUPS, actionLabel, roleLabel } from "../../../lib/audit-labels";
import { useEnvContext } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { orgnosIn, useOrganizationNames } from "../../../lib/organization-status";
import { type AuditExportFormat, useExportAudit } from "../api/export-audit";
import { type AuditEntry, type AuditFilters, useAuditEntries } from "../api/get-audit";
import { CopyButton, EntryDetails, EntryTarget, OutcomeBadge } from "./entry-details";

/** A `datetime-local` value (the person's own clock) as the UTC instant the BFF compares. */
function toInstant(local: string, endOfMinute = false): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return undefined;
  if (endOfMinute) date.setSeconds(59, 999);
  return date.toISOString();
}

/** The filter form's fields as typed: "" for unset; `from`/`to` as `datetime-local` values. */
type FilterValues = { person: string; action: string; env: string; from: string; to: string };
const FILTER_FIELDS = ["person", "action", "env", "from", "to"] as const;

/**
 * The typed filters as the query of `GET /api/audit` (checked with the contracts'
 * `AuditFilters`: lengths, `from` ≤ `to`): unset ones left out, times as UTC instants (`to` at
 * the end of its minute).
 */
function toAuditQuery(values: FilterValues): unknown {
  const query: Record<string, string> = {};
  for (const key of ["person", "action", "env"] as const) {
    const value = values[key]?.trim();
    if (value) query[key] = value;
  }
  const from = toInstant(values.from);
  const to = toInstant(values.to, true);
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

/** Which audit entries are open, and how to open or close one, for the rows' toggles. */
const OpenRows = createContext<{ open: ReadonlySet<string>; toggle: (id: string) => void }>({
  open: new Set(),
  toggle: () => {},
});

/** An entry's details toggle: a button with aria-expanded naming its expanded row. */
function DetailsToggle({ id, label }: { id: string; label: string }) {
  const { t } = useI18n();
  const { open, toggle } = useContext(OpenRows);
  const isOpen = open.has(id);
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-expanded={isOpen}
      aria-controls={isOpen ? detailsId(id) : undefined}
      aria-label={label}
      onClick={() => toggle(id)}
    >
      <span aria-hidden="true" className="inline-block w-3">
        {isOpen ? "▾" : "▸"}
      </span>
      {t("audit.details")}
    </Button>
  );
}

/** The id of an entry's expanded row, for its toggle's `aria-controls`. */
const detailsId = (entryId: string) => `audit-entry-${entryId.replace(/[^\w-]/g, "_")}`;

/**
 * The names of the organisations an entry's target names by number ("digdir:x → 911000008"),
 * looked up in the entry's environment (cached an hour per organisation); nothing when unknown.
 */
function TargetNames({ env, target }: { env: string; target: string | undefined }) {
  const orgnos = useMemo(() => orgnosIn(target ?? ""), [target]);
  const names = useOrganizationNames(env, orgnos);
  const known = orgnos.filter((orgno) => names[orgno]);
  if (known.length === 0) return null;
  return (
    <span className="block text-xs text-slate-600 dark:text-slate-400" data-testid="target-names">
      {known.map((orgno) => `${names[orgno]} (${orgno})`).join(", ")}
    </span>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const { envs, env } = useEnvContext();
  const toast = useToast();
  const readable = useMemo(() => envs.filter((e) => e.role), [envs]);

  // The filters are a form on the contracts' query schema: each change is checked as it is
  // typed (an error shows on its field and the list keeps the last valid filters); Enter checks
  // and focuses the first invalid field. One environment by default: the BFF pages (the `next`
  // cursor) within one environment.
  const form = useContractForm<FilterValues, AuditQuery>({
    schema: AuditQuery,
    toBody: toAuditQuery,
    defaultValues: { person: "", action: "", env: env.id, from: "", to: "" },
  });
  const typed = useWatch({ control: form.control }) as FilterValues;
  const { person, action, env: envFilter, from, to } = typed;
  // Which entries are open (expanded rows), by id.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (id: string) =>
      setOpen((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const openRows = useMemo(() => ({ open, toggle }), [open, toggle]);

  const debouncedPerson = useDebounced(person, 300);
  const [filters, setFilters] = useState<AuditFilters>({ env: env.id });
  useEffect(() => {
    const values = { person: debouncedPerson, action, env: envFilter, from, to };
    const checked = AuditQuery.safeParse(toAuditQuery(values));
    if (checked.success) setFilters(checked.data);
    // Errors on their fields as typed (no focus move); cleared once the field is fixed.
    void form.trigger();
  }, [debouncedPerson, action, envFilter, from, to, form]);
  const query = useAuditEntries(filters);
  const exporter = useExportAudit();
  const entries = useMemo(() => query.data?.pages.flatMap((p) => p.entries) ?? [], [query.data]);
  const filtered = Boolean(person || action || from || to || envFilter !== env.id);

  const timeFormat = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" }),
    [locale],
  );
  const envLabel = useMemo(() => new Map(envs.map((e) => [e.id, e.label])), [envs]);

  // The server decides the order (newest first) and the filtering; the table only shows.
  const columns = useMemo<ColumnDef<AuditEntry>[]>(
    () =>
      (
        [
          {
            id: "time",
            header: t("audit.col.time"),
            cell: ({ row }) => (
              <time dateTime={row.original.time} className="whitespace-nowrap">
                {timeFormat.format(new Date(row.original.time))}
              </time>
            ),
          },
          {
            id: "person",
            header: t("audit.col.person"),
            // The role under the name, and the status beside the outcome: fewer columns, so
            // the correlation id and the toggle stay in view beside the side menu at 1,280 px.
            cell: ({ row }) => (
              <span className="flex flex-col">
                <span className="whitespace-nowrap">{row.original.actor.name}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {roleLabel(t, row.original.role)}
                </span>
              </span>
            ),
          },
          {
            id: "env",
            header: t("audit.col.env"),
            cell: ({ row }) => envLabel.get(row.original.env) ?? row.original.env,
          },
          {
            id: "action",
            header: t("audit.col.action"),
            cell: ({ row }) => (
              // Long action names wrap: the table's width must not depend on which actions the
              // log holds (the correlation id column stays on screen at 1,280 px, defect 6).
              <span className="inline-block max-w-44 min-w-24" title={row.original.action}>
                {actionLabel(t, row.original.action)}
              </span>
            ),
          },
          {
            id: "target",
            header: t("audit.col.target"),
            cell: ({ row }) => (
              <span className="inline-block max-w-64 min-w-32">
                <span className="block font-mono text-xs break-all">
                  <EntryTarget entry={row.original} />
                </span>
                <TargetNames env={row.original.env} target={row.original.target} />
              </span>
            ),
          },
          {
            id: "outcome",
            header: t("audit.col.outcome"),
            cell: ({ row }) => (
              <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <OutcomeBadge outcome={row.original.outcome} />
                <span className="font-mono text-xs">{row.original.status}</span>
              </span>
            ),
          },
          {
            id: "correlationId",
            header: t("audit.col.correlationId"),
            cell: ({ row }) =>
              row.original.correlationId ? (
                <span className="flex items-center gap-1">
                  <code
                    className="max-w-36 truncate font-mono text-xs"
                    title={row.original.correlationId}
                  >
                    {row.original.correlationId}
                  </code>
                  <CopyButton value={row.original.correlationId} />
                </span>
              ) : (
                "—"
              ),
          },
          {
            id: "details",
            header: () => <span className="sr-only">{t("common.actions")}</span>,
            // The toggle reads which rows are open from context: the columns stay the same
            // object when a row opens, so the button keeps its focus (a new cell function
            // would mount a new button).
            cell: ({ row }) => (
              <DetailsToggle
                id={row.original.id}
                label={t("audit.detailsNamed", {
                  action: actionLabel(t, row.original.action),
                  time: timeFormat.format(new Date(row.original.time)),
                })}
              />
            ),
          },
        ] satisfies ColumnDef<AuditEntry>[]
      ).map((c) => ({
        ...c,
        enableSorting: false,
        enableGlobalFilter: false,
      })),
    [t, timeFormat, envLabel],
  );

  const download = (format: AuditExportFormat) =>
    exporter.mutate(
      { filters, format },
      {
        onSuccess: () => toast.success(({ t }) => t("audit.exportDone")),
        onError: (error) => toast.error(({ t }) => t("audit.exportFailed"), error),
      },
    );

  const clear = () => form.reset({ person: "", action: "", env: env.id, from: "", to: "" });
  // The BFF's refusal of a filter (400, e.g. a range it reads as ending before it starts) is
  // shown on the field it names, beside the form, not as the list's failure.
  const refused =
    query.isError && isApiProblem(query.error) && query.error.status === 400 ? query.error : null;

  return (
    <section>
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description")}
        actions={
          <>
            <Button
              onClick={() => download("csv")}
              pending={exporter.isPending && exporter.variables?.format === "csv"}
              disabled={exporter.isPending}
            >
              {t("audit.exportCsv")}
            </Button>
            <Button
              onClick={() => download("jsonl")}
              pending={exporter.isPending && exporter.variables?.format === "jsonl"}
              disabled={exporter.isPending}
            >
              {t("audit.exportJsonl")}
            </Button>
          </>
        }
      />
      <Form
        form={form}
        fields={FILTER_FIELDS}
        idPrefix="audit-filter"
        serverError={refused}
        aria-label={t("audit.filters")}
        className="mb-3 grid grid-cols-1 items-end gap-3 sm:grid-cols-2 lg:grid-cols-6"
        // Enter checks the filters; a valid set is already applied as typed.
        onSubmit={async (body) => setFilters(body)}
      >
        <FormField name="person" label={t("audit.filter.person")} className="lg:col-span-1">
          {(field) => (
            <Input {...field} type="search" placeholder={t("audit.filter.personPlaceholder")} />
          )}
        </FormField>
        <FormField name="action" label={t("audit.filter.action")}>
          {(field) => (
            <Select {...field}>
              <option value="">{t("audit.filter.allActions")}</option>
              {ACTION_GROUPS.map((group) => (
                <optgroup key={group.label} label={t(group.label)}>
                  {group.prefix && (
                    <option value={group.prefix}>
                      {t("audit.anyOf", { group: t(group.label).toLowerCase() })}
                    </option>
                  )}
                  {group.actions.map((a) => (
                    <option key={a} value={a}>
                      {actionLabel(t, a)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          )}
        </FormField>
        <FormField name="env" label={t("audit.filter.env")}>
          {(field) => (
            <Select {...field}>
              {readable.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
              <option value="">{t("audit.filter.allEnvs")}</option>
            </Select>
          )}
        </FormField>
        <FormField name="from" label={t("audit.filter.from")}>
          {(field) => <Input {...field} type="datetime-local" max={to || undefined} />}
        </FormField>
        <FormField name="to" label={t("audit.filter.to")}>
          {(field) => <Input {...field} type="datetime-local" min={from || undefined} />}
        </FormField>
        <div>
          <Button variant="ghost" onClick={clear} disabled={!filtered}>
            {t("audit.filter.clear")}
          </Button>
        </div>
        {refused && (
          <div className="sm:col-span-2 lg:col-span-6">
            <FormProblem error={refused} title={t("audit.loadFailed")} />
          </div>
        )}
      </Form>
      <p className="mb-3 text-xs text-slate-600 dark:text-slate-400">{t("audit.exportHelp")}</p>

      {query.isPending ? (
        <Loading label={t("audit.loading")} />
      ) : query.isError && entries.length === 0 && !refused ? (
        <ErrorAlert
          error={query.error}
          title={t("audit.loadFailed")}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <div className="flex flex-col gap-3">
          <OpenRows.Provider value={openRows}>
            <DataTable
              data={entries}
              columns={columns}
              getRowId={(e) => e.id}
              label={t("audit.tableLabel")}
              testId="audit-table"
              rowHeight={49}
              renderExpanded={(entry) =>
                open.has(entry.id)
                  ? {
                      id: detailsId(entry.id),
                      content: (
                        <EntryDetails
                          entry={entry}
                          envLabel={envLabel.get(entry.env) ?? entry.env}
                          formatTime={(iso) => timeFormat.format(new Date(iso))}
                        />
                      ),
                    }
                  : null
              }
              empty={
                <EmptyState title={t("audit.empty")}>
                  {filtered ? t("audit.emptyFiltered") : t("audit.emptyHelp")}
                </EmptyState>
              }
            />
          </OpenRows.Provider>
          {query.isFetchNextPageError && (
            <ErrorAlert error={query.error} title={t("audit.loadFailed")} />
          )}
          {query.hasNextPage ? (
            <div>
              <Button
                onClick={() => void query.fetchNextPage()}
                pending={query.isFetchingNextPage}
                data-testid="audit-load-more"
              >
                {query.isFetchingNextPage ? t("audit.loadingMore") : t("audit.loadMore")}
              </Button>
            </div>
          ) : entries.length > 0 ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("audit.allShown")}</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
