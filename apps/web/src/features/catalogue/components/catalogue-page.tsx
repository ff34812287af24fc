import {
  type Client,
  INTEGRATION_TYPES,
  type IntegrationType,
  type RowWarning,
  type Scope,
  ScopeCatalogueQuery,
} from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Checkbox, Field, Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { RowWarnings } from "../../../components/ui/row-warnings";
import { Badge, EmptyState, Loading, PageHeader } from "../../../components/ui/status";
import { type ColumnDef, DataTable } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { useOrganizationNames } from "../../../lib/organization-status";
import {
  useAddScopeToClient,
  useCatalogue,
  useCatalogueClients,
  useGrantedToUs,
  useOwnScopes,
} from "../api";

type Usable = "own" | "granted" | "public" | "REQUESTED" | "DENIED" | "no" | "inactive" | "type";

type CatalogueRow = {
  name: string;
  description: string;
  ownerOrgno: string;
  ownerName?: string;
  visibility?: string;
  usable: Usable;
  clients: Client[];
  warnings: RowWarning[];
};

const USABLE_NOW = new Set<Usable>(["own", "granted", "public"]);

const admitsMaskinporten = (scope: Scope) =>
  (scope.allowed_integration_types ?? []).length === 0 ||
  (scope.allowed_integration_types ?? []).includes("maskinporten");

/** The public catalogue and what is granted to us, with whether and why we may use each scope. */
export function CataloguePage() {
  const env = useEnv();
  const { t } = useI18n();
  const [prefix, setPrefix] = useState("");
  const [integrationType, setIntegrationType] = useState<IntegrationType | "">("");
  const [forAll, setForAll] = useState<"" | "true" | "false">("");
  const [inactive, setInactive] = useState(false);
  const [onlyUsable, setOnlyUsable] = useState(false);
  const [search, setSearch] = useState("");
  // A whole prefix as the BFF reads the filter (capitals and spaces around it are the prefix,
  // `NAV` is `nav`); while it is not one yet, no prefix filter (Digdir refuses the query).
  const typedPrefix = prefix.trim()
    ? ScopeCatalogueQuery.shape.prefix.safeParse(prefix)
    : undefined;
  const query: ScopeCatalogueQuery = {
    ...(typedPrefix?.success && typedPrefix.data ? { prefix: typedPrefix.data } : {}),
    ...(integrationType ? { integration_type: integrationType } : {}),
    ...(forAll ? { accessible_for_all: forAll } : {}),
    ...(inactive ? { inactive: "true" } : {}),
  };
  const filtered = Object.keys(query).length > 0;
  const catalogue = useCatalogue(env.id, query);
  const granted = useGrantedToUs(env.id);
  const own = useOwnScopes(env.id);
  const clients = useCatalogueClients(env.id);

  const rows = useMemo<CatalogueRow[]>(() => {
    const ownNames = new Set((own.data ?? []).map((s) => s.name));
    const grants = new Map((granted.data ?? []).map((g) => [g.scope, g]));
    const activeClients = (clients.data ?? []).filter((c) => c.active !== false);
    const carriers = (name: string) => activeClients.filter((c) => (c.scopes ?? []).includes(name));
    const usableOf = (scope: Scope): Usable => {
      if (scope.active === false) return "inactive";
      if (!admitsMaskinporten(scope)) return "type";
      if (ownNames.has(scope.name) || scope.owner_orgno === env.orgno) return "own";
      const grant = grants.get(scope.name);
      if (grant?.state === "APPROVED") return "granted";
      if (scope.accessible_for_all) return "public";
      if (grant?.state) return grant.state;
      return "no";
    };
    const byName = new Map<string, CatalogueRow>();
    for (const scope of catalogue.data ?? []) {
      byName.set(scope.name, {
        name: scope.name,
        description: scope.description ?? "",
        ownerOrgno: scope.owner_orgno ?? "",
        ...(grants.get(scope.name)?.owner_organization_name
          ? { ownerName: grants.get(scope.name)!.owner_organization_name! }
          : {}),
        visibility: scope.visibility ?? "PUBLIC",
        usable: usableOf(scope),
        warnings: scope.portvakt_warnings ?? [],
        clients: carriers(scope.name),
      });
    }
    // Private scopes granted to us are not in the public catalogue; the grant names them.
    if (!filtered) {
      for (const grant of granted.data ?? []) {
        if (byName.has(grant.scope)) continue;
        byName.set(grant.scope, {
          name: grant.scope,
          description: "",
          ownerOrgno: grant.owner_orgno ?? "",
          ...(grant.owner_organization_name ? { ownerName: grant.owner_organization_name } : {}),
          visibility: "PRIVATE",
          usable: grant.state === "APPROVED" ? "granted" : (grant.state ?? "no"),
          warnings: [],
          clients: carriers(grant.scope),
        });
      }
    }
    const all = [...byName.values()];
    return onlyUsable ? all.filter((r) => USABLE_NOW.has(r.usable)) : all;
  }, [catalogue.data, granted.data, own.data, clients.data, env.orgno, onlyUsable, filtered]);
  // Owners the grants did not name are looked up once each (Digdir's /organizations, cached an
  // hour); without an answer the number stands alone.
  const unnamedOwners = useMemo(
    () => [...new Set(rows.filter((r) => !r.ownerName && r.ownerOrgno).map((r) => r.ownerOrgno))],
    [rows],
  );
  const ownerNames = useOrganizationNames(env.id, unnamedOwners);
  const named = useMemo(
    () =>
      rows.map((r) =>
        !r.ownerName && ownerNames[r.ownerOrgno]
          ? { ...r, ownerName: ownerNames[r.ownerOrgno] }
          : r,
      ),
    [rows, ownerNames],
  );

  const columns = useMemo<ColumnDef<CatalogueRow>[]>(
    () => [
      {
        id: "name",
        accessorKey: "name",
        header: t("catalogue.col.name"),
        cell: ({ row }) => (
          <div className="flex max-w-md min-w-48 flex-col gap-0.5">
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs break-all">{row.original.name}</code>
              <RowWarnings warnings={row.original.warnings} />
            </span>
            {row.original.description && (
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {row.original.description}
              </span>
            )}
            {row.original.visibility === "PRIVATE" && (
              <span>
                <Badge>{t("catalogue.private")}</Badge>
              </span>
            )}
          </div>
        ),
      },
      {
        id: "owner",
        accessorFn: (r) => `${r.ownerName ?? ""} ${r.ownerOrgno}`,
        header: t("catalogue.col.owner"),
        cell: ({ row }) => (
          <span className="text-sm">
            {row.original.ownerName && <span className="block">{row.original.ownerName}</span>}
            <span className="font-mono text-xs">{row.original.ownerOrgno}</span>
          </span>
        ),
      },
      {
        id: "usable",
        accessorFn: (r) => (USABLE_NOW.has(r.usable) ? 0 : 1),
        header: t("catalogue.col.usable"),
        enableGlobalFilter: false,
        cell: ({ row }) => (
          <Badge tone={USABLE_NOW.has(row.original.usable) ? "success" : "neutral"}>
            {t(`catalogue.usable.${row.original.usable}` as MessageKey)}
          </Badge>
        ),
      },
      {
        id: "clients",
        accessorFn: (r) => r.clients.map((c) => c.client_name).join(" "),
        header: t("catalogue.col.clients"),
        cell: ({ row }) =>
          row.original.clients.length === 0 ? (
            "—"
          ) : (
            <ul className="text-sm">
              {row.original.clients.map((c) => (
                <li key={c.client_id}>
                  <Link
                    to="/$env/clients/$clientId"
                    params={(current) => ({ env: current.env ?? "", clientId: c.client_id })}
                    className="text-blue-800 hover:underline dark:text-sky-300"
                  >
                    {c.client_name}
                  </Link>
                </li>
              ))}
            </ul>
          ),
      },
      {
        id: "add",
        enableSorting: false,
        enableGlobalFilter: false,
        header: t("catalogue.addTo"),
        cell: ({ row }) =>
          USABLE_NOW.has(row.original.usable) ? (
            <AddToClient scope={row.original.name} clients={clients.data ?? []} />
          ) : null,
      },
    ],
    [t, clients.data],
  );

  const error = catalogue.error ?? granted.error;
  return (
    <section>
      <PageHeader title={t("catalogue.title")} description={t("catalogue.description")} />
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <Field label={t("common.search")} className="min-w-64">
          {({ id }) => (
            <Input
              id={id}
              type="search"
              value={search}
              placeholder={t("catalogue.searchPlaceholder")}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("catalogue.filter.prefix")}>
          {({ id }) => (
            <Input
              id={id}
              value={prefix}
              className="w-32"
              onChange={(e) => setPrefix(e.target.value.trim().toLowerCase())}
            />
          )}
        </Field>
        <Field label={t("catalogue.filter.type")}>
          {({ id }) => (
            <Select
              id={id}
              value={integrationType}
              onChange={(e) => setIntegrationType(e.target.value as IntegrationType | "")}
            >
              <option value="">{t("common.all")}</option>
              {INTEGRATION_TYPES.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("catalogue.filter.forAll")}>
          {({ id }) => (
            <Select
              id={id}
              value={forAll}
              onChange={(e) => setForAll(e.target.value as "" | "true" | "false")}
            >
              <option value="">{t("common.all")}</option>
              <option value="true">{t("common.yes")}</option>
              <option value="false">{t("common.no")}</option>
            </Select>
          )}
        </Field>
        <div className="flex flex-col gap-1 pb-1">
          <Checkbox
            label={t("catalogue.filter.usable")}
            checked={onlyUsable}
            onChange={(e) => setOnlyUsable(e.target.checked)}
          />
          <Checkbox
            label={t("catalogue.filter.inactive")}
            checked={inactive}
            onChange={(e) => setInactive(e.target.checked)}
          />
        </div>
      </div>
      {catalogue.isPending || granted.isPending ? (
        <Loading label={t("common.loading")} />
      ) : error ? (
        <ErrorAlert error={error} title={t("catalogue.loadFailed")} />
      ) : (
        <DataTable
          data={named}
          columns={columns}
          getRowId={(r) => r.name}
          label={t("catalogue.title")}
          globalFilter={search}
          initialSorting={[{ id: "name", desc: false }]}
          rowHeight={72}
          testId="catalogue-table"
          empty={<EmptyState title={t("catalogue.empty")}>{t("common.noMatches")}</EmptyState>}
        />
      )}
    </section>
  );
}

function AddToClient({ scope, clients }: { scope: string; clients: Client[] }) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const add = useAddScopeToClient(env.id);
  const [clientId, setClientId] = useState("");
  const candidates = clients.filter((c) => c.active !== false && !(c.scopes ?? []).includes(scope));
  if (candidates.length === 0) return null;
  const chosen = candidates.find((c) => c.client_id === clientId);
  return (
    <div className="flex items-center gap-2">
      <Select
        aria-label={`${t("catalogue.addTo")}: ${scope}`}
        value={clientId}
        className="max-w-48"
        onChange={(e) => setClientId(e.target.value)}
      >
        <option value="">{t("catalogue.chooseClient")}</option>
        {candidates.map((c) => (
          <option key={c.client_id} value={c.client_id}>
            {c.client_name}
          </option>
        ))}
      </Select>
      <Button
        size="sm"
        disabled={!chosen}
        pending={add.isPending}
        onClick={() =>
          chosen &&
          add.mutate(
            { client: chosen, scope },
            {
              onSuccess: () => {
                toast.success(({ t }) =>
                  t("catalogue.added", { scope, client: chosen.client_name ?? chosen.client_id }),
                );
                setClientId("");
              },
              onError: (error) => toast.error(({ t }) => t("catalogue.addFailed"), error),
            },
          )
        }
      >
        {t("catalogue.add")}
      </Button>
    </div>
  );
}
