import {
  APP_LIB_ENDPOINTS,
  type AuthorizationDecision,
  authorize,
  decodeTokenClaims,
  explainDecision,
  parseEndpointList,
  resolveApiScopes,
  type TextResources,
  type TokenClaims,
  TRY_CALLERS,
  TRY_METHODS,
  TryRequestInput,
} from "@portvakt/altinn-scopes";
import { useEffect, useId, useMemo } from "react";
import { useController, useWatch } from "react-hook-form";
import { Form, FormField, useContractForm } from "../../../components/form/form";
import { Choice, Fieldset, Input, Select, Textarea } from "../../../components/ui/field";
import { Badge, Notice } from "../../../components/ui/status";
import { useI18n } from "../../../lib/i18n";

const EXAMPLE_INSTANCE = "instances/50001337/5d9e906b-83ed-44df-85a7-2f104c640bff";
const LANGUAGES = ["nb", "nn", "en"];
const TRY_FIELDS = [
  "caller",
  "method",
  "path",
  "ownRoutes",
  "source",
  "scopes",
  "token",
  "language",
] as const;
const asBody = (values: TryRequestInput) => values;
// Nothing is sent: the decision below follows the fields as they are typed.
const decideInPlace = async () => {};

/** The token's claims, or undefined when none is pasted or it cannot be read (see the field). */
function claimsOf(token: string): TokenClaims | undefined {
  if (!token.trim()) return undefined;
  try {
    return decodeTokenClaims(token);
  } catch {
    return undefined;
  }
}

/**
 * Decides a request in the browser with `authorize`, as the app library would: the apiScopes in
 * the editor, the app library's endpoints, the caller as the token (or the choice) makes it, and
 * the app's texts for the 403. Shows which rule of the library decided, in the page's language.
 * A form on the Form primitive, checked as it is typed with the package's `TryRequestInput`
 * (own endpoints that are not `METHOD route`, a token that cannot be read: on their fields).
 * Nothing leaves the browser.
 */
export function TryRequest({
  metadata,
  textResources,
  languages,
}: {
  metadata: string;
  textResources: TextResources | undefined;
  languages: string[];
}) {
  const { t } = useI18n();
  const sourceName = useId();
  const form = useContractForm<TryRequestInput, TryRequestInput>({
    schema: TryRequestInput,
    toBody: asBody,
    mode: "onChange",
    defaultValues: {
      caller: "user",
      method: "GET",
      path: "",
      ownRoutes: "",
      source: "scopes",
      scopes: "altinn:instances.read",
      token: "",
      language: "nb",
    },
  });
  const { control, getFieldState, setValue } = form;
  const [caller, method, path, ownRoutes, source, scopes, token, language] = useWatch({
    control,
    name: TRY_FIELDS,
  });
  const sourceField = useController({ control, name: "source" });
  const own = useMemo(() => parseEndpointList(ownRoutes), [ownRoutes]);

  const resolved = useMemo(() => {
    try {
      return resolveApiScopes(metadata);
    } catch {
      return null;
    }
  }, [metadata]);

  // The example path follows the file's org and app until the person edits it.
  const defaultPath = `/${resolved?.org || "org"}/${resolved?.app || "app"}/${EXAMPLE_INSTANCE}`;
  useEffect(() => {
    if (!getFieldState("path").isDirty) setValue("path", defaultPath);
  }, [defaultPath, getFieldState, setValue]);
  const effectivePath = path || defaultPath;

  const claims = useMemo(() => (source === "token" ? claimsOf(token) : undefined), [source, token]);

  const decision: AuthorizationDecision | null = useMemo(() => {
    if (!resolved) return null;
    if (source === "token" && !claims) return null;
    return authorize({
      method,
      path: effectivePath,
      config: resolved,
      endpoints: [...APP_LIB_ENDPOINTS, ...own.endpoints],
      ...(textResources ? { textResources } : {}),
      profileLanguage: language,
      ...(source === "token" ? { claims } : { tokenScopes: scopes, caller }),
    });
  }, [
    resolved,
    source,
    claims,
    method,
    effectivePath,
    scopes,
    caller,
    textResources,
    language,
    own,
  ]);

  // Only a signed-in person's own language counts (Authenticated.GetLanguage).
  const personCalls = source === "token" ? decision?.caller === "user" : caller === "user";

  return (
    <Form
      form={form}
      onSubmit={decideInPlace}
      fields={TRY_FIELDS}
      idPrefix="altinn-try"
      aria-label={t("altinn.try.title")}
    >
      <Fieldset legend={t("altinn.try.title")}>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.try.help")}</p>
        <div className="grid gap-4 md:grid-cols-[12rem_8rem_1fr]">
          <FormField name="caller" label={t("altinn.try.callerType")}>
            {(field) =>
              source === "token" ? (
                <Select {...field} value="token" disabled>
                  <option value="token">{t("altinn.try.caller.fromToken")}</option>
                </Select>
              ) : (
                <Select {...field}>
                  {TRY_CALLERS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`altinn.try.caller.${kind}`)}
                    </option>
                  ))}
                </Select>
              )
            }
          </FormField>
          <FormField name="method" label={t("altinn.try.method")}>
            {(field) => (
              <Select {...field}>
                {TRY_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField name="path" label={t("altinn.try.path")} help={t("altinn.try.pathHelp")}>
            {(field) => <Input {...field} className="font-mono" spellCheck={false} />}
          </FormField>
        </div>
        <FormField
          name="ownRoutes"
          label={t("altinn.try.ownRoutes")}
          help={t("altinn.try.ownRoutesHelp")}
        >
          {(field) => (
            <Textarea
              {...field}
              rows={2}
              className="font-mono text-xs"
              spellCheck={false}
              placeholder="GET {org}/{app}/api/case/{instanceGuid}"
            />
          )}
        </FormField>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium">{t("altinn.try.source")}</legend>
          {(["scopes", "token"] as const).map((value) => (
            <Choice
              key={value}
              type="radio"
              name={sourceName}
              value={value}
              checked={sourceField.field.value === value}
              onBlur={sourceField.field.onBlur}
              onChange={() => sourceField.field.onChange(value)}
              label={t(`altinn.try.source.${value}`)}
            />
          ))}
        </fieldset>
        {source === "scopes" ? (
          <FormField name="scopes" label={t("altinn.try.scopes")} help={t("altinn.try.scopesHelp")}>
            {(field) => (
              <Input
                {...field}
                className="font-mono"
                spellCheck={false}
                disabled={caller === "none"}
              />
            )}
          </FormField>
        ) : (
          <FormField name="token" label={t("altinn.try.token")} help={t("altinn.try.tokenHelp")}>
            {(field) => (
              <Textarea
                {...field}
                rows={3}
                className="font-mono text-xs break-all"
                spellCheck={false}
                autoComplete="off"
              />
            )}
          </FormField>
        )}
        <FormField
          name="language"
          label={t("altinn.try.language")}
          help={personCalls ? undefined : t("altinn.try.languageFixed")}
        >
          {(field) => (
            <Select {...field} className="max-w-48" disabled={!personCalls}>
              {[...new Set([...LANGUAGES, ...languages])].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <section aria-label={t("altinn.try.result")} aria-live="polite" data-testid="try-result">
          {!resolved ? (
            <Notice tone="warning">{t("altinn.try.fixFile")}</Notice>
          ) : decision ? (
            <Decision decision={decision} />
          ) : null}
        </section>
      </Fieldset>
    </Form>
  );
}

const TONE = {
  allowed:
    "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-50",
  refused:
    "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50",
} as const;

/** The answer, the rule that decided it, and the trail of facts behind it. */
function Decision({ decision }: { decision: AuthorizationDecision }) {
  const { t, tc } = useI18n();
  const explanation = explainDecision(decision);
  const badge =
    decision.response?.status === 403 ? (
      <Badge tone="danger">{t("altinn.try.forbidden")}</Badge>
    ) : decision.response?.status === 500 ? (
      <Badge tone="danger">{t("altinn.try.failed")}</Badge>
    ) : decision.code === "app-does-not-start" ? (
      <Badge tone="danger">{t("altinn.try.notStarting")}</Badge>
    ) : (
      <Badge tone="success">
        {decision.checked ? t("altinn.try.allowed") : t("altinn.try.notChecked")}
      </Badge>
    );
  return (
    <div
      className={`flex flex-col gap-2 rounded-lg border p-3 text-sm ${decision.allowed ? TONE.allowed : TONE.refused}`}
      data-decision={decision.code}
      data-rule={decision.rule}
    >
      <p className="flex flex-wrap items-center gap-2 font-semibold">
        {badge}
        <span data-testid="try-headline">{tc(explanation.headline)}</span>
      </p>
      <p data-testid="try-rule">
        {t("altinn.try.decidedBy", { rule: tc(explanation.rule) })}
        <span className="ml-2 font-mono text-xs opacity-75">
          {t("altinn.try.source.file", { source: decision.source })}
        </span>
      </p>
      <details open>
        <summary className="cursor-pointer text-xs font-medium">{t("altinn.try.trail")}</summary>
        <ul className="mt-1 list-disc pl-5 text-xs" data-testid="try-trail">
          {explanation.trail.map((line) => (
            <li key={line.code + line.detail}>{tc(line)}</li>
          ))}
        </ul>
      </details>
      {decision.response?.status === 403 && (
        <>
          <p className="text-xs font-medium">{t("altinn.try.body")}</p>
          <pre
            // Scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            tabIndex={0}
            className="overflow-x-auto rounded bg-white p-2 font-mono text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100"
            data-testid="forbidden-response"
          >
            <span data-testid="forbidden-head">{`HTTP/1.1 403 Forbidden\nContent-Type: ${decision.response.contentType}\n\n`}</span>
            <span data-testid="forbidden-body">
              {JSON.stringify(decision.response.body, null, 2)}
            </span>
          </pre>
        </>
      )}
      <p className="text-xs opacity-80">{tc({ code: "altinn.message.startup", detail: "" })}</p>
    </div>
  );
}
