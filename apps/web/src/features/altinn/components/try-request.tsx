import {
  type AuthorizationDecision,
  authorize,
  type CallerType,
  decodeTokenClaims,
  resolveApiScopes,
  type TextResources,
  type TokenClaims,
} from "@portvakt/altinn-scopes";
import { useId, useMemo, useState } from "react";
import { Field, Fieldset, Input, Select, Textarea } from "../../../components/ui/field";
import { Badge, Notice } from "../../../components/ui/status";
import { useI18n } from "../../../lib/i18n";

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
const EXAMPLE_INSTANCE = "instances/50001337/5d9e906b-83ed-44df-85a7-2f104c640bff";

type Source = "scopes" | "token";

/**
 * Decides a request in the browser with `authorize`, as the app library would, with the
 * apiScopes in the editor right now (resolved with the chosen language's texts).
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
  const [caller, setCaller] = useState<CallerType | "token">("user");
  const [method, setMethod] = useState<string>("GET");
  // null until the person edits it: then the example follows the file's org and app.
  const [path, setPath] = useState<string | null>(null);
  const [source, setSource] = useState<Source>("scopes");
  const [scopes, setScopes] = useState("altinn:instances.read");
  const [token, setToken] = useState("");
  const [language, setLanguage] = useState("nb");
  const sourceName = useId();

  const resolved = useMemo(() => {
    try {
      return resolveApiScopes(metadata, {
        ...(textResources ? { textResources } : {}),
        language,
      });
    } catch {
      return null;
    }
  }, [metadata, textResources, language]);

  const defaultPath = `/${resolved?.org ?? "org"}/${resolved?.app ?? "app"}/${EXAMPLE_INSTANCE}`;
  const effectivePath = path ?? defaultPath;

  const claims = useMemo((): { claims?: TokenClaims; error?: string } => {
    if (source !== "token" || !token.trim()) return {};
    try {
      return { claims: decodeTokenClaims(token) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [source, token]);

  const decision: AuthorizationDecision | null = useMemo(() => {
    if (!resolved) return null;
    if (source === "token" && !claims.claims) return null;
    return authorize({
      method,
      path: effectivePath,
      config: resolved,
      ...(source === "token" ? { claims: claims.claims } : { tokenScopes: scopes }),
      ...(caller === "token" ? {} : { callerType: caller }),
    });
  }, [resolved, source, claims, method, effectivePath, scopes, caller]);

  const callerValue = source === "scopes" && caller === "token" ? "user" : caller;

  return (
    <Fieldset legend={t("altinn.try.title")}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.try.help")}</p>
      <div className="grid gap-4 md:grid-cols-[12rem_8rem_1fr]">
        <Field label={t("altinn.try.callerType")}>
          {({ id }) => (
            <Select
              id={id}
              value={callerValue}
              onChange={(e) => setCaller(e.target.value as CallerType | "token")}
            >
              {source === "token" && (
                <option value="token">{t("altinn.try.caller.fromToken")}</option>
              )}
              <option value="user">{t("altinn.try.caller.user")}</option>
              <option value="serviceOwner">{t("altinn.try.caller.serviceOwner")}</option>
            </Select>
          )}
        </Field>
        <Field label={t("altinn.try.method")}>
          {({ id }) => (
            <Select id={id} value={method} onChange={(e) => setMethod(e.target.value)}>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("altinn.try.path")} help={t("altinn.try.pathHelp")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              className="font-mono"
              value={effectivePath}
              spellCheck={false}
              onChange={(e) => setPath(e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">{t("altinn.try.source")}</legend>
        {(["scopes", "token"] as const).map((value) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name={sourceName}
              value={value}
              checked={source === value}
              className="size-4 accent-blue-700 dark:accent-sky-400"
              onChange={() => {
                setSource(value);
                setCaller(value === "token" ? "token" : "user");
              }}
            />
            {t(`altinn.try.source.${value}`)}
          </label>
        ))}
      </fieldset>
      {source === "scopes" ? (
        <Field label={t("altinn.try.scopes")} help={t("altinn.try.scopesHelp")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              className="font-mono"
              value={scopes}
              spellCheck={false}
              onChange={(e) => setScopes(e.target.value)}
            />
          )}
        </Field>
      ) : (
        <Field
          label={t("altinn.try.token")}
          help={t("altinn.try.tokenHelp")}
          error={claims.error ? t("altinn.try.tokenInvalid", { reason: claims.error }) : null}
        >
          {({ id, describedBy, invalid }) => (
            <Textarea
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              rows={3}
              className="font-mono text-xs break-all"
              value={token}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setToken(e.target.value)}
            />
          )}
        </Field>
      )}
      {languages.length > 0 && (
        <Field label={t("altinn.try.language")}>
          {({ id }) => (
            <Select
              id={id}
              className="max-w-48"
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
            >
              {[...new Set(["nb", ...languages])].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <section aria-label={t("altinn.try.result")} aria-live="polite" data-testid="try-result">
        {!resolved ? (
          <Notice tone="warning">{t("altinn.try.fixFile")}</Notice>
        ) : decision ? (
          <Decision decision={decision} />
        ) : null}
      </section>
    </Fieldset>
  );
}

function Decision({ decision }: { decision: AuthorizationDecision }) {
  const { t } = useI18n();
  const tokenScopes = (
    <p className="text-xs">
      {t("altinn.try.tokenScopes", {
        claim: decision.scopeClaim ?? "scope",
        scopes: decision.tokenScopes.join(" ") || t("altinn.try.noScopes"),
      })}
    </p>
  );
  if (decision.allowed) {
    return (
      <div className="flex flex-col gap-1 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-50">
        <p className="flex items-center gap-2 font-semibold">
          <Badge tone="success">{t("altinn.try.allowed")}</Badge>
          {decision.checked
            ? t("altinn.try.allowedMatched", { scope: decision.matchedScope })
            : t("altinn.try.notChecked")}
        </p>
        {!decision.checked && <p>{decision.reason}</p>}
        {decision.checked && (
          <p className="text-xs">
            {t("altinn.try.accepted", {
              operation: t(`altinn.op.${decision.operation}`),
              scopes: decision.acceptedScopes.join(", "),
            })}
          </p>
        )}
        {tokenScopes}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50">
      <p className="flex items-center gap-2 font-semibold">
        <Badge tone="danger">{t("altinn.try.forbidden")}</Badge>
      </p>
      <p className="text-xs">
        {t("altinn.try.accepted", {
          operation: t(`altinn.op.${decision.operation}`),
          scopes: decision.acceptedScopes.join(", "),
        })}
      </p>
      {tokenScopes}
      <p className="text-xs font-medium">{t("altinn.try.body")}</p>
      <pre
        className="overflow-x-auto rounded bg-white p-2 font-mono text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100"
        data-testid="forbidden-body"
      >
        {JSON.stringify(decision.body, null, 2)}
      </pre>
    </div>
  );
}
