import { type Client, ClientInput, ClientUpdate, TEXT_LIMITS } from "@portvakt/contracts";
import { Link, useNavigate } from "@tanstack/react-router";
import { useCallback, useMemo, useState } from "react";
import { useController } from "react-hook-form";
import {
  AdminForm,
  FormField,
  useContractForm,
  useFieldError,
} from "../../../components/form/form";
import { buttonProps } from "../../../components/ui/button";
import { Field, Fieldset, Input, Textarea } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Loading, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { changedFields } from "../../../lib/changed-fields";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useClient } from "../api/get-client";
import { type UsableScope, useUsableScopes } from "../api/get-usable-scopes";
import { useCreateClient, useUpdateClient } from "../api/save-client";

export type Values = {
  client_name: string;
  description: string;
  scopes: string[];
  access_token_lifetime: string;
};

const EMPTY: Values = { client_name: "", description: "", scopes: [], access_token_lifetime: "" };

/** The form's fields in screen order (where the first invalid one is focused). */
const FIELDS = ["client_name", "description", "access_token_lifetime", "scopes"] as const;

/** The request body: an empty lifetime is left out, so Maskinporten applies 120 seconds. */
function bodyOf(values: Values) {
  const lifetime = values.access_token_lifetime.trim();
  return {
    client_name: values.client_name,
    description: values.description,
    scopes: values.scopes,
    ...(lifetime ? { access_token_lifetime: Number(lifetime) } : {}),
  };
}

/**
 * The body of an update: only what the person changed (`changedFields`), so a sparse client
 * (Digdir's rows may lack a description) can be renamed without inventing one, and its scopes
 * go back as Digdir has them unless the person changed them.
 */
export function updateBodyOf(values: Values, initial: Values): Partial<ReturnType<typeof bodyOf>> {
  return changedFields(bodyOf(values), bodyOf(initial));
}

/** The form's starting values for a client as read. */
export function valuesOf(c: Client): Values {
  return {
    client_name: c.client_name ?? "",
    description: c.description ?? "",
    scopes: c.scopes ?? [],
    // Unset stays empty ("Empty: 120 seconds"), as in the create form.
    access_token_lifetime: c.access_token_lifetime == null ? "" : String(c.access_token_lifetime),
  };
}

type Props = { mode: "create" } | { mode: "edit"; clientId: string };

export function ClientFormPage(props: Props) {
  if (props.mode === "create") return <ClientForm mode="create" initial={EMPTY} />;
  return <EditClient clientId={props.clientId} />;
}

function EditClient({ clientId }: { clientId: string }) {
  const env = useEnv();
  const { t } = useI18n();
  const client = useClient(env.id, clientId);
  if (client.isPending) return <Loading label={t("clients.loadingOne")} />;
  if (client.isError) return <ErrorAlert error={client.error} title={t("clients.loadOneFailed")} />;
  const c = client.data;
  return <ClientForm mode="edit" client={c} initial={valuesOf(c)} />;
}

function ClientForm({
  mode,
  initial,
  client,
}: {
  mode: "create" | "edit";
  initial: Values;
  client?: Client;
}) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const hasWrite = useHasAdminScope("idporten:dcr.write");
  const hasModify = useHasAdminScope("idporten:dcr.modify");
  const hasScope = mode === "create" ? hasWrite : hasWrite || hasModify;
  const usable = useUsableScopes(env.id);
  const create = useCreateClient(env.id);
  const update = useUpdateClient(env.id, client?.client_id ?? "");
  const mutation = mode === "create" ? create : update;

  // Stable, so the form's resolver is made once (an edit sends only what changed).
  const toBody = useCallback(
    (values: Values) => (mode === "create" ? bodyOf(values) : updateBodyOf(values, initial)),
    [mode, initial],
  );
  const form = useContractForm<Values, ClientInput | ClientUpdate>({
    schema: mode === "create" ? ClientInput : ClientUpdate,
    toBody,
    defaultValues: initial,
  });
  const scopesField = useController({ control: form.control, name: "scopes" });
  const selected = scopesField.field.value;
  const [scopeSearch, setScopeSearch] = useState("");

  // Scopes already on the client stay listed even if the organisation may no longer add them.
  const options = useMemo<(UsableScope | { name: string; reason: "current" })[]>(() => {
    const known = new Set(usable.scopes.map((s) => s.name));
    const current = initial.scopes
      .filter((s) => !known.has(s))
      .map((name) => ({ name, reason: "current" as const }));
    return [...usable.scopes, ...current];
  }, [usable.scopes, initial.scopes]);

  const shown = options.filter(
    (o) =>
      !scopeSearch ||
      o.name.toLowerCase().includes(scopeSearch.toLowerCase()) ||
      ("description" in o && o.description?.toLowerCase().includes(scopeSearch.toLowerCase())),
  );

  const submit = async (body: ClientInput | ClientUpdate) => {
    const saved =
      mode === "create"
        ? await create.mutateAsync(body as ClientInput)
        : await update.mutateAsync(body as ClientUpdate);
    const name = saved.client_name ?? saved.client_id;
    toast.success(
      ({ t }) =>
        mode === "create" ? t("clients.registered", { name }) : t("clients.saved", { name }),
      { next: true },
    );
    void navigate({
      to: "/$env/clients/$clientId",
      params: { env: env.id, clientId: saved.client_id },
    });
  };

  const reasonBadge = (o: UsableScope | { name: string; reason: "current" }) => {
    switch (o.reason) {
      case "own":
        return <Badge tone="info">{t("clients.reason.own")}</Badge>;
      case "granted":
        return (
          <Badge tone="success">{t("clients.reason.granted", { owner: o.owner ?? "" })}</Badge>
        );
      case "public":
        return <Badge>{t("clients.reason.public")}</Badge>;
      default:
        return <Badge tone="warning">{t("clients.reason.current")}</Badge>;
    }
  };

  return (
    <section>
      <PageHeader
        title={
          mode === "create"
            ? t("clients.newTitle")
            : t("clients.editTitle", { name: client?.client_name ?? "" })
        }
        description={mode === "create" ? t("clients.newDescription") : undefined}
      />
      <AdminForm
        form={form}
        onSubmit={submit}
        fields={FIELDS}
        idPrefix="client"
        label={t("clients.formLabel")}
        what="role.what.clients"
        missingScope={hasScope ? undefined : "idporten:dcr.write"}
        error={mutation.error}
        errorTitle={mode === "create" ? t("clients.createFailed") : t("clients.saveFailed")}
        submitLabel={mode === "create" ? t("clients.register") : t("common.save")}
        cancel={
          client ? (
            <Link
              to="/$env/clients/$clientId"
              params={{ env: env.id, clientId: client.client_id }}
              {...buttonProps("secondary")}
            >
              {t("common.cancel")}
            </Link>
          ) : (
            <Link to="/$env/clients" params={{ env: env.id }} {...buttonProps("secondary")}>
              {t("common.cancel")}
            </Link>
          )
        }
      >
        <Fieldset legend={t("clients.section.about")}>
          <FormField
            name="client_name"
            label={t("clients.field.name")}
            help={t("clients.help.name")}
            required
          >
            {(field) => <Input {...field} maxLength={TEXT_LIMITS.clientName} />}
          </FormField>
          <FormField
            name="description"
            label={t("clients.field.description")}
            help={t("clients.help.description")}
            required
          >
            {(field) => <Textarea {...field} rows={3} maxLength={TEXT_LIMITS.clientDescription} />}
          </FormField>
          <FormField
            name="access_token_lifetime"
            label={t("clients.field.tokenLifetime")}
            help={t("clients.help.tokenLifetime")}
          >
            {(field) => (
              <Input
                {...field}
                type="number"
                min={0}
                max={86400}
                inputMode="numeric"
                placeholder="120"
              />
            )}
          </FormField>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("clients.fixedFields")}</p>
        </Fieldset>

        <Fieldset legend={t("clients.section.scopes")}>
          <p className="text-xs text-slate-600 dark:text-slate-400" id="client-scopes-help">
            {t("clients.help.scopes")}
          </p>
          <Field label={t("clients.filterScopes")}>
            {({ id }) => (
              <Input
                id={id}
                type="search"
                value={scopeSearch}
                onChange={(e) => setScopeSearch(e.target.value)}
              />
            )}
          </Field>
          {usable.isPending && <Loading label={t("clients.loadingScopes")} />}
          {usable.errors.map((error, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the three sources have fixed positions
            <ErrorAlert key={i} error={error} title={t("clients.scopesFailed")} />
          ))}
          <ScopesError />
          <ul
            id="client-scopes"
            tabIndex={-1}
            aria-describedby="client-scopes-help"
            className="flex max-h-96 flex-col divide-y divide-slate-200 overflow-auto rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
            data-testid="scope-options"
          >
            {shown.length === 0 && !usable.isPending && (
              <li className="p-3 text-sm">{t("clients.noScopes")}</li>
            )}
            {shown.map((o) => {
              const checked = selected.includes(o.name);
              const inputId = `client-scope-${o.name}`;
              return (
                <li key={o.name} className="flex items-start gap-2 p-2">
                  <Input
                    id={inputId}
                    type="checkbox"
                    className="mt-1"
                    checked={checked}
                    onChange={(e) =>
                      scopesField.field.onChange(
                        e.target.checked
                          ? [...selected, o.name]
                          : selected.filter((s) => s !== o.name),
                      )
                    }
                  />
                  <label htmlFor={inputId} className="flex min-w-0 flex-col gap-0.5 text-sm">
                    <span className="flex flex-wrap items-center gap-2">
                      <code className="font-mono break-all">{o.name}</code>
                      {reasonBadge(o)}
                    </span>
                    {"description" in o && o.description && (
                      <span className="text-xs text-slate-600 dark:text-slate-400">
                        {o.description}
                      </span>
                    )}
                  </label>
                </li>
              );
            })}
          </ul>
          <p className="text-sm" aria-live="polite">
            {t("clients.selectedScopes", { count: selected.length })}
          </p>
        </Fieldset>
      </AdminForm>
    </section>
  );
}

/** The error of the scope list (e.g. a scope the organisation may not use), above the list. */
function ScopesError() {
  const error = useFieldError("scopes");
  if (!error) return null;
  return (
    <p className="text-sm text-red-700 dark:text-red-400" role="alert">
      {error}
    </p>
  );
}
