import {
  APP_LIB_ENDPOINTS,
  type AuthorizationDecision,
  authorize,
  type CallerKind,
  decodeTokenClaims,
  explainDecision,
  parseEndpointList,
  resolveApiScopes,
  type TextResources,
  type TokenClaims,
  TokenDecodeError,
} from "@portvakt/altinn-scopes";
import { useId, useMemo, useState } from "react";
import { Choice, Field, Fieldset, Input, Select, Textarea } from "../../../components/ui/field";
import { Badge, Notice } from "../../../components/ui/status";
import { useI18n } from "../../../lib/i18n";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
const EXAMPLE_INSTANCE = "instances/50001337/5d9e906b-83ed-44df-85a7-2f104c640bff";
const CALLERS: readonly CallerKind[] = [
  "user",
  "systemUser",
  "org",
  "serviceOwner",
  "unknown",
  "none",
];
const LANGUAGES = ["nb", "nn", "en"];

type Source = "scopes" | "token";

/**
 * Decides a request in the browser with `authorize`, as the app library would: the apiScopes in
 * the editor, the app library's endpoints, the caller as the token (or the choice) makes it, and
 * the app's texts for the 403. Shows which rule of the library decided, in the page's language.
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
  const { t, tc } = useI18n();
  const [caller, setCaller] = useState<CallerKind>("user");
  const [method, setMethod] = useState<string>("GET");
  // null until the person edits it: then the example follows the file's org and app.
  const [path, setPath] = useState<string | null>(null);
  const [source, setSource] = useState<Source>("scopes");
  const [scopes, setScopes] = useState("altinn:instances.read");
  const [token, setToken] = useState("");
  const [language, setLanguage] = useState("nb");
  const [ownRoutes, setOwnRoutes] = useState("");
  const sourceName = useId();
  const own = useMemo(() => parseEndpointList(ownRoutes), [ownRoutes]);

  const resolved = useMemo(() => {
    try {
      return resolveApiScopes(metadata);
    } catch {
      return null;
    }
  }, [metadata]);

  const defaultPath = `/${resolved?.org || "org"}/${resolved?.app || "app"}/${EXAMPLE_INSTANCE}`;
  const effectivePath = path ?? defaultPath;

  const claims = useMemo((): { claims?: TokenClaims; error?: string } => {
    if (source !== "token" || !token.trim()) return {};
    try {
      return { claims: decodeTokenClaims(token) };
    } catch (error) {
      if (error instanceof TokenDecodeError) {
        return { error: tc({ code: error.code, detail: error.message }) };
      }
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [source, token, tc]);

  const decision: AuthorizationDecision | null = useMemo(() => {
    if (!resolved) return null;
    if (source === "token" && !claims.claims) return null;
    return authorize({
      method,
      path: effectivePath,
      config: resolved,
      endpoints: [...APP_LIB_ENDPOINTS, ...own.endpoints],
      ...(textResources ? { textResources } : {}),
      profileLanguage: language,
      ...(source === "token" ? { claims: claims.claims } : { tokenScopes: scopes, caller }),
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
    <Fieldset legend={t("altinn.try.title")}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.try.help")}</p>
      <div className="grid gap-4 md:grid-cols-[12rem_8rem_1fr]">
        <Field label={t("altinn.try.callerType")}>
          {({ id }) =>
            source === "token" ? (
              <Select id={id} value="token" disabled>
                <option value="token">{t("altinn.try.caller.fromToken")}</option>
              </Select>
            ) : (
              <Select
                id={id}
                value={caller}
                onChange={(e) => setCaller(e.target.value as CallerKind)}
              >
                {CALLERS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`altinn.try.caller.${kind}`)}
                  </option>
                ))}
              </Select>
            )
          }
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
      <Field
        label={t("altinn.try.ownRoutes")}
        help={t("altinn.try.ownRoutesHelp")}
        error={
          own.invalid.length > 0
            ? t("altinn.try.ownRoutesInvalid", { lines: own.invalid.join(", ") })
            : null
        }
      >
        {({ id, describedBy, invalid }) => (
          <Textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            rows={2}
            className="font-mono text-xs"
            value={ownRoutes}
            spellCheck={false}
            placeholder="GET {org}/{app}/api/case/{instanceGuid}"
            onChange={(e) => setOwnRoutes(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">{t("altinn.try.source")}</legend>
        {(["scopes", "token"] as const).map((value) => (
          <Choice
            key={value}
            type="radio"
            name={sourceName}
            value={value}
            checked={source === value}
            onChange={() => setSource(value)}
            label={t(`altinn.try.source.${value}`)}
          />
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
              disabled={caller === "none"}
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
      <Field
        label={t("altinn.try.language")}
        help={personCalls ? undefined : t("altinn.try.languageFixed")}
      >
        {({ id, describedBy }) => (
          <Select
            id={id}
            aria-describedby={describedBy}
            className="max-w-48"
            value={language}
            disabled={!personCalls}
            onChange={(e) => setLanguage(e.target.value)}
          >
            {[...new Set([...LANGUAGES, ...languages])].map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Select>
        )}
      </Field>
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
