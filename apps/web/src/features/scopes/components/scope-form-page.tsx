import {
  INTEGRATION_TYPES,
  SCOPE_TEXT_LANGUAGES,
  type Scope,
  ScopeInput,
  ScopeUpdate,
  subscopeProblem,
  TEXT_LIMITS,
} from "@portvakt/contracts";
import { Link, useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect } from "react";
import { useWatch } from "react-hook-form";
import {
  AdminForm,
  FormCheckbox,
  FormCheckboxGroup,
  FormField,
  useContractForm,
} from "../../../components/form/form";
import { ValuesSelect } from "../../../components/form/values-select";
import { buttonProps } from "../../../components/ui/button";
import { Fieldset, Input, Select, Textarea } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useDelegationSources, usePrefixes } from "../api/get-prefixes";
import { useScope } from "../api/get-scope";
import { useCreateScope, useUpdateScope } from "../api/save-scope";
import {
  bodyOf,
  DEFAULTS,
  updateBodyOf,
  VARIANT_KEYS,
  type Values,
  valuesOf,
} from "./scope-form-values";

/** The form's fields in screen order (where the first invalid one is focused). */
const FIELDS = [
  "prefix",
  "subscope",
  "description",
  "long_description",
  "visibility",
  "allowed_integration_types",
  "accessible_for_all",
  "delegation_source",
  "token_type",
  "at_max_age",
  "authorization_max_lifetime",
  "enforced_aud_for_access_token",
  ...VARIANT_KEYS,
] as const satisfies readonly (keyof Values)[];

type Props = { mode: "create" } | { mode: "edit"; scopeName: string };

export function ScopeFormPage(props: Props) {
  const env = useEnv();
  const { t } = useI18n();
  if (props.mode === "create") return <ScopeForm mode="create" initial={DEFAULTS} />;
  return <EditScope env={env.id} name={props.scopeName} loading={t("scopes.loadingOne")} />;
}

function EditScope({ env, name, loading }: { env: string; name: string; loading: string }) {
  const scope = useScope(env, name);
  const { t } = useI18n();
  if (scope.isPending) return <Loading label={loading} />;
  if (scope.isError) return <ErrorAlert error={scope.error} title={t("scopes.loadOneFailed")} />;
  return <ScopeForm mode="edit" initial={valuesOf(scope.data)} scope={scope.data} />;
}

function ScopeForm({
  mode,
  initial,
  scope,
}: {
  mode: "create" | "edit";
  initial: Values;
  scope?: Scope;
}) {
  const env = useEnv();
  const { t, tm, formatDateTime } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const hasScopesWrite = useHasAdminScope("idporten:scopes.write");
  const prefixes = usePrefixes(env.id);
  const delegationSources = useDelegationSources(env.id);
  const create = useCreateScope(env.id);
  const update = useUpdateScope(env.id);
  const mutation = mode === "create" ? create : update;

  const toBody = useCallback(
    (values: Values) =>
      mode === "create" ? bodyOf(values, initial, mode) : updateBodyOf(values, initial),
    [initial, mode],
  );
  const form = useContractForm<Values, ScopeInput | ScopeUpdate>({
    schema: mode === "create" ? ScopeInput : ScopeUpdate,
    toBody,
    defaultValues: { ...initial, prefix: initial.prefix || prefixes.data?.[0] || "" },
  });
  const [prefix, subscope, visibility, delegationSource] = useWatch({
    control: form.control,
    name: ["prefix", "subscope", "visibility", "delegation_source"],
  });

  // The prefix list may arrive after the form mounted.
  const firstPrefix = prefixes.data?.[0];
  useEffect(() => {
    if (!form.getValues("prefix") && firstPrefix) form.setValue("prefix", firstPrefix);
  }, [firstPrefix, form]);

  // The subscope is checked while it is typed, by the contracts' rule.
  const liveSubscope =
    mode === "create" && (form.formState.touchedFields.subscope || subscope)
      ? subscopeProblem(subscope)
      : null;

  const submit = async (body: ScopeInput | ScopeUpdate) => {
    if (mode === "create") {
      const saved = await create.mutateAsync(body as ScopeInput);
      toast.success(({ t }) => t("scopes.created", { name: saved.name }), { next: true });
    } else if (scope) {
      const saved = await update.mutateAsync({ name: scope.name, update: body as ScopeUpdate });
      toast.success(({ t }) => t("scopes.saved", { name: saved.name }), { next: true });
    }
    void navigate({ to: "/$env/scopes", params: { env: env.id } });
  };

  const fullName = `${prefix || "…"}:${subscope || "…"}`;

  return (
    <section>
      <PageHeader
        title={mode === "create" ? t("scopes.newTitle") : t("scopes.editTitle")}
        description={
          mode === "edit" && scope
            ? t("scopes.editDescription", {
                name: scope.name,
                date: formatDateTime(scope.last_updated),
              })
            : t("scopes.newDescription")
        }
      />
      <AdminForm
        form={form}
        onSubmit={submit}
        fields={FIELDS}
        idPrefix="scope"
        label={t("scopes.formLabel")}
        what="role.what.scopes"
        missingScope={hasScopesWrite ? undefined : "idporten:scopes.write"}
        error={mutation.error}
        errorTitle={mode === "create" ? t("scopes.createFailed") : t("scopes.saveFailed")}
        submitLabel={mode === "create" ? t("scopes.create") : t("common.save")}
        cancel={
          <Link to="/$env/scopes" params={{ env: env.id }} {...buttonProps("secondary")}>
            {t("common.cancel")}
          </Link>
        }
      >
        <Fieldset legend={t("scopes.section.name")}>
          <FormField
            name="prefix"
            label={t("scopes.field.prefix")}
            help={mode === "create" ? t("scopes.help.prefix") : t("scopes.help.immutable")}
            required
          >
            {(field) =>
              mode === "create" ? (
                <ValuesSelect field={field} pending={prefixes.isPending} values={prefixes.data} />
              ) : (
                <Input {...field} readOnly />
              )
            }
          </FormField>
          {prefixes.isError && (
            <ErrorAlert error={prefixes.error} title={t("scopes.prefixesFailed")} />
          )}
          {prefixes.isSuccess && prefixes.data.length === 0 && mode === "create" && (
            <Notice>{t("scopes.noPrefixes")}</Notice>
          )}
          <FormField
            name="subscope"
            label={t("scopes.field.subscope")}
            help={mode === "create" ? t("scopes.help.subscope") : t("scopes.help.immutable")}
            required
            liveError={liveSubscope ? tm(liveSubscope) : undefined}
          >
            {(field) => (
              <Input
                {...field}
                readOnly={mode === "edit"}
                autoComplete="off"
                spellCheck={false}
                placeholder="api/v1/data.read"
                className="font-mono"
              />
            )}
          </FormField>
          <p className="text-sm">
            {t("scopes.fullName")}:{" "}
            <code className="font-mono font-semibold" data-testid="scope-full-name">
              {fullName}
            </code>
          </p>
        </Fieldset>

        <Fieldset legend={t("scopes.section.description")}>
          <FormField
            name="description"
            label={t("scopes.field.description")}
            help={t("scopes.help.description")}
            required
          >
            {(field) => <Input {...field} maxLength={TEXT_LIMITS.scopeDescription} />}
          </FormField>
          <FormField
            name="long_description"
            label={t("scopes.field.longDescription")}
            help={t("scopes.help.longDescription")}
          >
            {(field) => (
              <Textarea {...field} rows={5} maxLength={TEXT_LIMITS.scopeLongDescription} />
            )}
          </FormField>
        </Fieldset>

        <Fieldset legend={t("scopes.section.access")}>
          <FormField
            name="visibility"
            label={t("scopes.field.visibility")}
            help={t(`scopes.help.visibility.${visibility}`)}
          >
            {(field) => (
              <Select {...field}>
                <option value="PUBLIC">{t("visibility.PUBLIC")}</option>
                <option value="PRIVATE">{t("visibility.PRIVATE")}</option>
                <option value="INTERNAL">{t("visibility.INTERNAL")}</option>
              </Select>
            )}
          </FormField>
          <FormCheckboxGroup
            name="allowed_integration_types"
            legend={t("scopes.field.integrationTypes")}
            help={t("scopes.help.integrationTypes")}
            options={INTEGRATION_TYPES.map((type) => ({ value: type, label: type }))}
            className="grid grid-cols-2 gap-1 sm:grid-cols-3"
          />
          <FormCheckbox
            name="accessible_for_all"
            label={t("scopes.field.accessibleForAll")}
            help={t("scopes.help.accessibleForAll")}
          />
          <FormField
            name="delegation_source"
            label={t("scopes.field.delegationSource")}
            help={t("scopes.help.delegationSourcePick")}
          >
            {(field) => (
              <Select {...field} disabled={delegationSources.isPending}>
                <option value="">{t("scopes.delegationSource.none")}</option>
                {(delegationSources.data ?? []).map((source) => (
                  <option key={source.issuer} value={source.issuer}>
                    {source.name ? `${source.name} – ${source.issuer}` : source.issuer}
                  </option>
                ))}
                {delegationSource !== "" &&
                  !(delegationSources.data ?? []).some(
                    (source) => source.issuer === delegationSource,
                  ) && (
                    <option value={delegationSource}>
                      {t("scopes.delegationSource.unlisted", { issuer: delegationSource })}
                    </option>
                  )}
              </Select>
            )}
          </FormField>
          {delegationSources.isError && <Notice>{t("scopes.delegationSource.loadFailed")}</Notice>}
        </Fieldset>

        <Fieldset legend={t("scopes.section.token")}>
          <FormField
            name="token_type"
            label={t("scopes.field.tokenType")}
            help={t("scopes.help.tokenType")}
          >
            {(field) => (
              <Select {...field}>
                <option value="SELF_CONTAINED">{t("scopes.tokenType.SELF_CONTAINED")}</option>
                <option value="OPAQUE">{t("scopes.tokenType.OPAQUE")}</option>
              </Select>
            )}
          </FormField>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <FormField
              name="at_max_age"
              label={t("scopes.field.atMaxAge")}
              help={t("scopes.help.atMaxAge")}
            >
              {(field) => <Input {...field} type="number" inputMode="numeric" min={0} />}
            </FormField>
            <FormField
              name="authorization_max_lifetime"
              label={t("scopes.field.authorizationMaxLifetime")}
              help={t("scopes.help.authorizationMaxLifetime")}
            >
              {(field) => <Input {...field} type="number" inputMode="numeric" min={0} />}
            </FormField>
          </div>
          <FormField
            name="enforced_aud_for_access_token"
            label={t("scopes.field.enforcedAud")}
            help={t("scopes.help.enforcedAud")}
          >
            {(field) => <Input {...field} placeholder="https://api.example.no" />}
          </FormField>
          <FormCheckbox
            name="requires_user_consent"
            label={t("scopes.field.requiresUserConsent")}
            help={t("scopes.help.requiresUserConsent")}
          />
          <FormCheckbox
            name="requires_user_authentication"
            label={t("scopes.field.requiresUserAuthentication")}
            help={t("scopes.help.requiresUserAuthentication")}
          />
          <FormCheckbox
            name="requires_pseudonymous_tokens"
            label={t("scopes.field.requiresPseudonymousTokens")}
            help={t("scopes.help.requiresPseudonymousTokens")}
          />
        </Fieldset>

        <Fieldset legend={t("scopes.section.languages")}>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("scopes.languages.help")}</p>
          {SCOPE_TEXT_LANGUAGES.map((lang) => {
            const language = t(`scopes.language.${lang}`);
            return (
              <div key={lang} className="flex flex-col gap-3">
                <FormField
                  name={`description#${lang}`}
                  id={`scope-description-${lang}`}
                  label={t("scopes.field.descriptionIn", { language })}
                >
                  {(field) => (
                    <Input {...field} lang={lang} maxLength={TEXT_LIMITS.scopeDescription} />
                  )}
                </FormField>
                <FormField
                  name={`long_description#${lang}`}
                  id={`scope-long_description-${lang}`}
                  label={t("scopes.field.longDescriptionIn", { language })}
                >
                  {(field) => (
                    <Textarea
                      {...field}
                      lang={lang}
                      rows={3}
                      maxLength={TEXT_LIMITS.scopeLongDescription}
                    />
                  )}
                </FormField>
              </div>
            );
          })}
        </Fieldset>
      </AdminForm>
    </section>
  );
}
