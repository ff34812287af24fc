import {
  codedIssue,
  INTEGRATION_TYPES,
  type IntegrationType,
  SCOPE_TEXT_LANGUAGES,
  type Scope,
  ScopeInput,
  type ScopeTextLanguage,
  ScopeUpdate,
  splitScopeName,
  subscopeProblem,
  TEXT_LIMITS,
  type TokenType,
  type Visibility,
} from "@portvakt/contracts";
import { type FormEvent, useState } from "react";
import { Button, buttonClass } from "../../../components/ui/button";
import { Checkbox, Field, Fieldset, Input, Select, Textarea } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { type FieldText, fieldTextsOf, isApiProblem } from "../../../lib/api-client";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { Link, navigate } from "../../../lib/router";
import { useRoleGate } from "../../../lib/session";
import { useDelegationSources, usePrefixes } from "../api/get-prefixes";
import { useScope } from "../api/get-scope";
import { useCreateScope, useUpdateScope } from "../api/save-scope";

/** `description#nn`, `long_description#en`, …: the language variants Digdir's own client edits. */
type VariantKey = `${"description" | "long_description"}#${ScopeTextLanguage}`;
const VARIANT_KEYS: VariantKey[] = SCOPE_TEXT_LANGUAGES.flatMap((lang) => [
  `description#${lang}` as const,
  `long_description#${lang}` as const,
]);

type Values = Record<VariantKey, string> & {
  prefix: string;
  subscope: string;
  description: string;
  long_description: string;
  visibility: Visibility;
  allowed_integration_types: IntegrationType[];
  token_type: TokenType;
  at_max_age: string;
  authorization_max_lifetime: string;
  requires_user_consent: boolean;
  requires_user_authentication: boolean;
  requires_pseudonymous_tokens: boolean;
  accessible_for_all: boolean;
  delegation_source: string;
  enforced_aud_for_access_token: string;
};

const NO_VARIANTS = Object.fromEntries(VARIANT_KEYS.map((key) => [key, ""])) as Record<
  VariantKey,
  string
>;

// A machine-to-machine API is what Portvakt is for, so new scopes admit Maskinporten only.
const DEFAULTS: Values = {
  ...NO_VARIANTS,
  prefix: "",
  subscope: "",
  description: "",
  long_description: "",
  visibility: "PUBLIC",
  allowed_integration_types: ["maskinporten"],
  token_type: "SELF_CONTAINED",
  at_max_age: "",
  authorization_max_lifetime: "",
  requires_user_consent: false,
  requires_user_authentication: false,
  requires_pseudonymous_tokens: false,
  accessible_for_all: false,
  delegation_source: "",
  enforced_aud_for_access_token: "",
};

/** A lifetime in seconds as the form shows it: empty for unset or 0 (Maskinporten's default). */
const secondsText = (value: number | null | undefined) => (value ? String(value) : "");

function valuesOf(scope: Scope): Values {
  const variants = { ...NO_VARIANTS };
  for (const key of VARIANT_KEYS) variants[key] = scope[key] ?? "";
  return {
    ...variants,
    prefix: scope.prefix ?? splitScopeName(scope.name).prefix,
    subscope: scope.subscope ?? splitScopeName(scope.name).subscope,
    description: scope.description ?? "",
    long_description: scope.long_description ?? "",
    visibility: scope.visibility ?? "PUBLIC",
    allowed_integration_types: scope.allowed_integration_types ?? [],
    token_type: scope.token_type ?? "SELF_CONTAINED",
    // Unset stays empty, as in the create form ("Empty: Maskinporten's default"), never 0: Digdir
    // answers 0 for a lifetime it was never given (the simulator imitates it), and an empty field
    // is left out of the update, so the scope keeps its value.
    at_max_age: secondsText(scope.at_max_age),
    authorization_max_lifetime: secondsText(scope.authorization_max_lifetime),
    requires_user_consent: scope.requires_user_consent ?? false,
    requires_user_authentication: scope.requires_user_authentication ?? false,
    requires_pseudonymous_tokens: scope.requires_pseudonymous_tokens ?? false,
    accessible_for_all: scope.accessible_for_all ?? false,
    delegation_source: scope.delegation_source ?? "",
    enforced_aud_for_access_token: scope.enforced_aud_for_access_token ?? "",
  };
}

/**
 * Empty optional fields are left out so Maskinporten applies its own defaults. A language variant
 * the scope had and the person emptied is sent as "" (cleared); one it never had is left out.
 */
function bodyOf(values: Values, initial: Values = DEFAULTS) {
  const seconds = (value: string) => (value.trim() === "" ? undefined : Number(value.trim()));
  const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
  const variants: Partial<Record<VariantKey, string>> = {};
  for (const key of VARIANT_KEYS) {
    const value = values[key].trim();
    if (value !== "" || initial[key] !== "") variants[key] = value;
  }
  return {
    ...variants,
    prefix: values.prefix,
    subscope: values.subscope,
    description: values.description,
    long_description: text(values.long_description),
    visibility: values.visibility,
    allowed_integration_types: values.allowed_integration_types,
    token_type: values.token_type,
    at_max_age: seconds(values.at_max_age),
    authorization_max_lifetime: seconds(values.authorization_max_lifetime),
    requires_user_consent: values.requires_user_consent,
    requires_user_authentication: values.requires_user_authentication,
    requires_pseudonymous_tokens: values.requires_pseudonymous_tokens,
    accessible_for_all: values.accessible_for_all,
    delegation_source: text(values.delegation_source),
    enforced_aud_for_access_token: text(values.enforced_aud_for_access_token),
  };
}

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
  const { t, tc, tm, formatDateTime } = useI18n();
  const toast = useToast();
  const hasScopesWrite = useHasAdminScope("idporten:scopes.write");
  const admin = useRoleGate("admin");
  const canWrite = hasScopesWrite && admin.allowed;
  const prefixes = usePrefixes(env.id);
  const delegationSources = useDelegationSources(env.id);
  const create = useCreateScope(env.id);
  const update = useUpdateScope(env.id);
  const mutation = mode === "create" ? create : update;

  const [values, setValues] = useState<Values>(() => ({
    ...initial,
    prefix: initial.prefix || prefixes.data?.[0] || "",
  }));
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const [errors, setErrors] = useState<Partial<Record<string, FieldText>>>({});

  // The prefix list may arrive after the form mounted.
  const prefix = values.prefix || prefixes.data?.[0] || "";

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const liveSubscope =
    mode === "create" && (touched.subscope || values.subscope)
      ? subscopeProblem(values.subscope)
      : null;
  const message = (m: FieldText | string | undefined | null) =>
    m ? (typeof m === "string" ? tm(m) : tc(m)) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched({ subscope: true });
    const body = { ...bodyOf(values, initial), prefix };
    const parsed = mode === "create" ? ScopeInput.safeParse(body) : ScopeUpdate.safeParse(body);
    if (!parsed.success) {
      const next: Record<string, FieldText> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form");
        next[key] ??= codedIssue(issue);
      }
      setErrors(next);
      const first = Object.keys(next)[0];
      if (first) document.getElementById(`scope-${first}`)?.focus();
      return;
    }
    const onError = (error: unknown) => {
      if (isApiProblem(error)) {
        setErrors(fieldTextsOf(error));
      }
      // The failure is shown once: on its fields and in the panel beside the submit button.
    };
    if (mode === "create") {
      create.mutate(parsed.data as ScopeInput, {
        onSuccess: (saved) => {
          toast.success(t("scopes.created", { name: saved.name }));
          navigate("/scopes");
        },
        onError,
      });
    } else if (scope) {
      const { prefix: _p, subscope: _s, ...update } = parsed.data as ScopeUpdate;
      updateScope(scope.name, update, onError);
    }
  };

  const updateScope = (name: string, body: ScopeUpdate, onError: (e: unknown) => void) =>
    update.mutate(
      { name, update: body },
      {
        onSuccess: (saved) => {
          toast.success(t("scopes.saved", { name: saved.name }));
          navigate("/scopes");
        },
        onError,
      },
    );

  const toggleType = (type: IntegrationType, on: boolean) =>
    set(
      "allowed_integration_types",
      on
        ? [...values.allowed_integration_types, type]
        : values.allowed_integration_types.filter((x) => x !== type),
    );

  const fullName = `${prefix || "…"}:${values.subscope || "…"}`;

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
      <RoleNotice needed="admin" what="role.what.scopes" />
      {!hasScopesWrite && (
        <div className="mb-4">
          <Notice>{t("missing.scope", { scope: "idporten:scopes.write" })}</Notice>
        </div>
      )}
      <form
        noValidate
        onSubmit={submit}
        className="flex flex-col gap-5"
        aria-label={t("scopes.formLabel")}
      >
        {/* Without the role or admin scope the fields cannot be filled (issue 14, defect 8);
            the role notice above says why. */}
        <fieldset
          disabled={!canWrite}
          className="m-0 min-w-0 border-0 p-0"
          data-testid="form-fields"
        >
          <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
            <Fieldset legend={t("scopes.section.name")}>
              <Field
                id="scope-prefix"
                label={t("scopes.field.prefix")}
                help={mode === "create" ? t("scopes.help.prefix") : t("scopes.help.immutable")}
                required
                error={message(errors.prefix)}
              >
                {({ id, describedBy, invalid }) =>
                  mode === "create" ? (
                    <Select
                      id={id}
                      aria-required
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      value={prefix}
                      disabled={prefixes.isPending}
                      onChange={(e) => set("prefix", e.target.value)}
                    >
                      {prefixes.isPending && <option value="">{t("common.loading")}</option>}
                      {(prefixes.data ?? []).map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Input id={id} aria-describedby={describedBy} value={prefix} readOnly />
                  )
                }
              </Field>
              {prefixes.isError && (
                <ErrorAlert error={prefixes.error} title={t("scopes.prefixesFailed")} />
              )}
              {prefixes.isSuccess && prefixes.data.length === 0 && mode === "create" && (
                <Notice>{t("scopes.noPrefixes")}</Notice>
              )}
              <Field
                id="scope-subscope"
                label={t("scopes.field.subscope")}
                help={mode === "create" ? t("scopes.help.subscope") : t("scopes.help.immutable")}
                required
                error={message(liveSubscope ?? errors.subscope)}
              >
                {({ id, describedBy, invalid }) => (
                  <Input
                    id={id}
                    aria-required
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={values.subscope}
                    readOnly={mode === "edit"}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="api/v1/data.read"
                    className="font-mono"
                    onChange={(e) => set("subscope", e.target.value)}
                    onBlur={() => setTouched((x) => ({ ...x, subscope: true }))}
                  />
                )}
              </Field>
              <p className="text-sm">
                {t("scopes.fullName")}:{" "}
                <code className="font-mono font-semibold" data-testid="scope-full-name">
                  {fullName}
                </code>
              </p>
            </Fieldset>

            <Fieldset legend={t("scopes.section.description")}>
              <Field
                id="scope-description"
                label={t("scopes.field.description")}
                help={t("scopes.help.description")}
                required
                error={message(errors.description)}
              >
                {({ id, describedBy, invalid }) => (
                  <Input
                    id={id}
                    aria-required
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={values.description}
                    maxLength={TEXT_LIMITS.scopeDescription}
                    onChange={(e) => set("description", e.target.value)}
                  />
                )}
              </Field>
              <Field
                id="scope-long_description"
                label={t("scopes.field.longDescription")}
                help={t("scopes.help.longDescription")}
                error={message(errors.long_description)}
              >
                {({ id, describedBy, invalid }) => (
                  <Textarea
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    rows={5}
                    value={values.long_description}
                    maxLength={TEXT_LIMITS.scopeLongDescription}
                    onChange={(e) => set("long_description", e.target.value)}
                  />
                )}
              </Field>
            </Fieldset>

            <Fieldset legend={t("scopes.section.access")}>
              <Field
                id="scope-visibility"
                label={t("scopes.field.visibility")}
                help={t(`scopes.help.visibility.${values.visibility}`)}
                error={message(errors.visibility)}
              >
                {({ id, describedBy }) => (
                  <Select
                    id={id}
                    aria-describedby={describedBy}
                    value={values.visibility}
                    onChange={(e) => set("visibility", e.target.value as Visibility)}
                  >
                    <option value="PUBLIC">{t("visibility.PUBLIC")}</option>
                    <option value="PRIVATE">{t("visibility.PRIVATE")}</option>
                    <option value="INTERNAL">{t("visibility.INTERNAL")}</option>
                  </Select>
                )}
              </Field>
              <fieldset className="flex flex-col gap-1" aria-describedby="scope-types-help">
                <legend className="text-sm font-medium">
                  {t("scopes.field.integrationTypes")}
                </legend>
                <p id="scope-types-help" className="text-xs text-slate-600 dark:text-slate-400">
                  {t("scopes.help.integrationTypes")}
                </p>
                <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
                  {INTEGRATION_TYPES.map((type) => (
                    <Checkbox
                      key={type}
                      label={type}
                      checked={values.allowed_integration_types.includes(type)}
                      onChange={(e) => toggleType(type, e.target.checked)}
                    />
                  ))}
                </div>
              </fieldset>
              <Checkbox
                label={t("scopes.field.accessibleForAll")}
                help={t("scopes.help.accessibleForAll")}
                checked={values.accessible_for_all}
                onChange={(e) => set("accessible_for_all", e.target.checked)}
              />
              <Field
                id="scope-delegation_source"
                label={t("scopes.field.delegationSource")}
                help={t("scopes.help.delegationSourcePick")}
                error={message(errors.delegation_source)}
              >
                {({ id, describedBy, invalid }) => (
                  <Select
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={values.delegation_source}
                    disabled={delegationSources.isPending}
                    onChange={(e) => set("delegation_source", e.target.value)}
                  >
                    <option value="">{t("scopes.delegationSource.none")}</option>
                    {(delegationSources.data ?? []).map((source) => (
                      <option key={source.issuer} value={source.issuer}>
                        {source.name ? `${source.name} – ${source.issuer}` : source.issuer}
                      </option>
                    ))}
                    {values.delegation_source !== "" &&
                      !(delegationSources.data ?? []).some(
                        (source) => source.issuer === values.delegation_source,
                      ) && (
                        <option value={values.delegation_source}>
                          {t("scopes.delegationSource.unlisted", {
                            issuer: values.delegation_source,
                          })}
                        </option>
                      )}
                  </Select>
                )}
              </Field>
              {delegationSources.isError && (
                <Notice>{t("scopes.delegationSource.loadFailed")}</Notice>
              )}
            </Fieldset>

            <Fieldset legend={t("scopes.section.token")}>
              <Field
                id="scope-token_type"
                label={t("scopes.field.tokenType")}
                help={t("scopes.help.tokenType")}
                error={message(errors.token_type)}
              >
                {({ id, describedBy }) => (
                  <Select
                    id={id}
                    aria-describedby={describedBy}
                    value={values.token_type}
                    onChange={(e) => set("token_type", e.target.value as TokenType)}
                  >
                    <option value="SELF_CONTAINED">{t("scopes.tokenType.SELF_CONTAINED")}</option>
                    <option value="OPAQUE">{t("scopes.tokenType.OPAQUE")}</option>
                  </Select>
                )}
              </Field>
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <Field
                  id="scope-at_max_age"
                  label={t("scopes.field.atMaxAge")}
                  help={t("scopes.help.atMaxAge")}
                  error={message(errors.at_max_age)}
                >
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      value={values.at_max_age}
                      onChange={(e) => set("at_max_age", e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  id="scope-authorization_max_lifetime"
                  label={t("scopes.field.authorizationMaxLifetime")}
                  help={t("scopes.help.authorizationMaxLifetime")}
                  error={message(errors.authorization_max_lifetime)}
                >
                  {({ id, describedBy, invalid }) => (
                    <Input
                      id={id}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      value={values.authorization_max_lifetime}
                      onChange={(e) => set("authorization_max_lifetime", e.target.value)}
                    />
                  )}
                </Field>
              </div>
              <Field
                id="scope-enforced_aud_for_access_token"
                label={t("scopes.field.enforcedAud")}
                help={t("scopes.help.enforcedAud")}
                error={message(errors.enforced_aud_for_access_token)}
              >
                {({ id, describedBy, invalid }) => (
                  <Input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={values.enforced_aud_for_access_token}
                    placeholder="https://api.example.no"
                    onChange={(e) => set("enforced_aud_for_access_token", e.target.value)}
                  />
                )}
              </Field>
              <Checkbox
                label={t("scopes.field.requiresUserConsent")}
                help={t("scopes.help.requiresUserConsent")}
                checked={values.requires_user_consent}
                onChange={(e) => set("requires_user_consent", e.target.checked)}
              />
              <Checkbox
                label={t("scopes.field.requiresUserAuthentication")}
                help={t("scopes.help.requiresUserAuthentication")}
                checked={values.requires_user_authentication}
                onChange={(e) => set("requires_user_authentication", e.target.checked)}
              />
              <Checkbox
                label={t("scopes.field.requiresPseudonymousTokens")}
                help={t("scopes.help.requiresPseudonymousTokens")}
                checked={values.requires_pseudonymous_tokens}
                onChange={(e) => set("requires_pseudonymous_tokens", e.target.checked)}
              />
            </Fieldset>

            <Fieldset legend={t("scopes.section.languages")}>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {t("scopes.languages.help")}
              </p>
              {SCOPE_TEXT_LANGUAGES.map((lang) => {
                const language = t(`scopes.language.${lang}`);
                const short: VariantKey = `description#${lang}`;
                const long: VariantKey = `long_description#${lang}`;
                return (
                  <div key={lang} className="flex flex-col gap-3">
                    <Field
                      id={`scope-description-${lang}`}
                      label={t("scopes.field.descriptionIn", { language })}
                      error={message(errors[short])}
                    >
                      {({ id, describedBy, invalid }) => (
                        <Input
                          id={id}
                          lang={lang}
                          aria-describedby={describedBy}
                          aria-invalid={invalid}
                          value={values[short]}
                          maxLength={TEXT_LIMITS.scopeDescription}
                          onChange={(e) => set(short, e.target.value)}
                        />
                      )}
                    </Field>
                    <Field
                      id={`scope-long_description-${lang}`}
                      label={t("scopes.field.longDescriptionIn", { language })}
                      error={message(errors[long])}
                    >
                      {({ id, describedBy, invalid }) => (
                        <Textarea
                          id={id}
                          lang={lang}
                          aria-describedby={describedBy}
                          aria-invalid={invalid}
                          rows={3}
                          value={values[long]}
                          maxLength={TEXT_LIMITS.scopeLongDescription}
                          onChange={(e) => set(long, e.target.value)}
                        />
                      )}
                    </Field>
                  </div>
                );
              })}
            </Fieldset>
          </div>
        </fieldset>
        {mutation.isError && (
          <ErrorAlert
            error={mutation.error}
            title={mode === "create" ? t("scopes.createFailed") : t("scopes.saveFailed")}
            shownFields={Object.keys(errors)}
          />
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            variant="primary"
            pending={mutation.isPending}
            disabled={!canWrite}
            title={admin.reason || undefined}
          >
            {mode === "create" ? t("scopes.create") : t("common.save")}
          </Button>
          <Link to="/scopes" className={buttonClass("secondary")}>
            {t("common.cancel")}
          </Link>
        </div>
      </form>
    </section>
  );
}
