import {
  type ApiScopeGroup,
  appIdOf,
  generateApiScopes,
  insertApiScopes,
  parseJsonSource,
} from "@portvakt/altinn-scopes";
import { useEffect, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Checkbox, Field, Fieldset, Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useAltinnPrefixes } from "../api/get-prefixes";

function appIdOfText(text: string) {
  try {
    return appIdOf(parseJsonSource(text).value);
  } catch {
    return undefined;
  }
}

/** A new file's few properties; Altinn Studio writes the rest when the app is made. */
function skeleton(org: string, app: string): string {
  return `${JSON.stringify({ id: `${org}/${app}`, org, title: { nb: app } }, null, 2)}\n`;
}

/**
 * Writes the recommended apiScopes into the editor's file (`insertApiScopes`: only that block
 * changes), or starts a new file from org and app.
 */
export function StartFromApp({
  text,
  onTextChange,
}: {
  text: string;
  onTextChange: (text: string) => void;
}) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const prefixes = useAltinnPrefixes(env.id);
  const fromFile = useMemo(() => appIdOfText(text), [text]);
  const [org, setOrg] = useState("");
  const [app, setApp] = useState("");
  const [prefix, setPrefix] = useState("");
  const [style, setStyle] = useState<"placeholder" | "concrete">("placeholder");
  const [groups, setGroups] = useState<ApiScopeGroup[]>(["users", "serviceOwners"]);
  const [error, setError] = useState<unknown>(null);

  // Follow the file's id until the person types their own.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (fromFile && !edited) {
      setOrg(fromFile.org);
      setApp(fromFile.app);
    }
  }, [fromFile, edited]);

  const chosenPrefix = prefix || prefixes.data?.[0] || "";
  const ready = org.trim() !== "" && app.trim() !== "" && chosenPrefix !== "" && groups.length > 0;

  const toggleGroup = (group: ApiScopeGroup, on: boolean) =>
    setGroups((current) =>
      on ? [...new Set([...current, group])] : current.filter((g) => g !== group),
    );

  const insert = () => {
    setError(null);
    try {
      const apiScopes = generateApiScopes({
        prefix: chosenPrefix,
        app: app.trim(),
        style,
        groups,
      });
      const base = text.trim() ? text : skeleton(org.trim(), app.trim());
      onTextChange(insertApiScopes(base, apiScopes));
      toast.success(t("altinn.start.inserted"));
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Fieldset legend={t("altinn.start.title")}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.start.help")}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("altinn.start.org")} help={t("altinn.start.orgHelp")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              value={org}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setEdited(true);
                setOrg(e.target.value);
              }}
            />
          )}
        </Field>
        <Field label={t("altinn.start.app")} help={t("altinn.start.appHelp")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              value={app}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setEdited(true);
                setApp(e.target.value);
              }}
            />
          )}
        </Field>
        <Field
          label={t("altinn.start.prefix")}
          help={t("altinn.start.prefixHelp")}
          error={prefixes.isError ? t("altinn.start.prefixesFailed") : null}
        >
          {({ id, describedBy }) => (
            <Select
              id={id}
              aria-describedby={describedBy}
              value={chosenPrefix}
              disabled={prefixes.isPending}
              onChange={(e) => setPrefix(e.target.value)}
            >
              {prefixes.isPending && <option value="">{t("common.loading")}</option>}
              {(prefixes.data ?? []).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap gap-x-8 gap-y-3">
        <Field label={t("altinn.start.style")}>
          {({ id }) => (
            <Select
              id={id}
              value={style}
              onChange={(e) => setStyle(e.target.value as "placeholder" | "concrete")}
            >
              <option value="placeholder">{t("altinn.start.style.placeholder")}</option>
              <option value="concrete">{t("altinn.start.style.concrete")}</option>
            </Select>
          )}
        </Field>
        <div className="flex flex-col justify-end gap-2">
          <Checkbox
            label={t("altinn.start.users")}
            checked={groups.includes("users")}
            onChange={(e) => toggleGroup("users", e.target.checked)}
          />
          <Checkbox
            label={t("altinn.start.serviceOwners")}
            checked={groups.includes("serviceOwners")}
            onChange={(e) => toggleGroup("serviceOwners", e.target.checked)}
          />
        </div>
      </div>
      {groups.length === 0 && (
        <p className="text-sm text-red-700 dark:text-red-400">{t("altinn.start.needGroup")}</p>
      )}
      {error !== null && <ErrorAlert error={error} title={t("altinn.start.failed")} />}
      <div>
        <Button variant="secondary" disabled={!ready} onClick={insert}>
          {t("altinn.start.insert")}
        </Button>
      </div>
    </Fieldset>
  );
}
