import {
  appIdOf,
  generateApiScopes,
  insertApiScopes,
  parseJsonSource,
  StartFromAppInput,
} from "@portvakt/altinn-scopes";
import { useEffect, useMemo, useState } from "react";
import {
  Form,
  FormCheckboxGroup,
  FormField,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { ValuesSelect } from "../../../components/form/values-select";
import { Fieldset, Input, Select } from "../../../components/ui/field";
import { Notice } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useAltinnPrefixes } from "../api/get-prefixes";
import { codedInsertError } from "./metadata-text";

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

/** The form's values as typed; `StartFromAppInput` (altinn-scopes) checks them. */
type StartValues = {
  org: string;
  app: string;
  prefix: string;
  style: StartFromAppInput["style"];
  groups: StartFromAppInput["groups"];
};

const START_FIELDS = ["org", "app", "prefix", "style", "groups"] as const;
const asBody = (values: StartValues) => values;

/**
 * Writes the recommended apiScopes into the editor's file (`insertApiScopes`: only that block
 * changes), or starts a new file from org and app. A form on the Form primitive: the package's
 * `StartFromAppInput` checks it (one definition with `generateApiScopes`' own rules), each error
 * on its field in the page's language, focus to the first.
 */
export function StartFromApp({
  text,
  onTextChange,
}: {
  text: string;
  onTextChange: (text: string) => void;
}) {
  const env = useEnv();
  const { t, tc } = useI18n();
  const toast = useToast();
  const prefixes = useAltinnPrefixes(env.id);
  const fromFile = useMemo(() => appIdOfText(text), [text]);
  const [error, setError] = useState<unknown>(null);
  const form = useContractForm<StartValues, StartFromAppInput>({
    schema: StartFromAppInput,
    toBody: asBody,
    defaultValues: {
      org: "",
      app: "",
      prefix: "",
      style: "placeholder",
      groups: ["users", "serviceOwners"],
    },
  });
  const { getFieldState, getValues, setValue } = form;

  // Follow the file's id until the person types their own.
  useEffect(() => {
    if (!fromFile) return;
    if (!getFieldState("org").isDirty) setValue("org", fromFile.org);
    if (!getFieldState("app").isDirty) setValue("app", fromFile.app);
  }, [fromFile, getFieldState, setValue]);

  // The first of the organisation's prefixes until the person picks one.
  const firstPrefix = prefixes.data?.[0];
  useEffect(() => {
    if (firstPrefix && getValues("prefix") === "") setValue("prefix", firstPrefix);
  }, [firstPrefix, getValues, setValue]);

  const insert = async (input: StartFromAppInput) => {
    setError(null);
    try {
      const apiScopes = generateApiScopes(input);
      const base = text.trim() ? text : skeleton(input.org, input.app);
      onTextChange(insertApiScopes(base, apiScopes));
      toast.success(({ t }) => t("altinn.start.inserted"));
    } catch (caught) {
      // The editor's text is not a JSON object (its own errors are in the report).
      setError(caught);
    }
  };

  return (
    <Form
      form={form}
      onSubmit={insert}
      fields={START_FIELDS}
      idPrefix="altinn-start"
      aria-label={t("altinn.start.title")}
    >
      <Fieldset legend={t("altinn.start.title")}>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.start.help")}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField name="org" label={t("altinn.start.org")} help={t("altinn.start.orgHelp")}>
            {(field) => <Input {...field} autoComplete="off" spellCheck={false} />}
          </FormField>
          <FormField name="app" label={t("altinn.start.app")} help={t("altinn.start.appHelp")}>
            {(field) => <Input {...field} autoComplete="off" spellCheck={false} />}
          </FormField>
          <FormField
            name="prefix"
            label={t("altinn.start.prefix")}
            help={t("altinn.start.prefixHelp")}
            liveError={prefixes.isError ? t("altinn.start.prefixesFailed") : null}
          >
            {(field) => (
              <ValuesSelect field={field} pending={prefixes.isPending} values={prefixes.data} />
            )}
          </FormField>
        </div>
        <div className="flex flex-wrap gap-x-8 gap-y-3">
          <FormField name="style" label={t("altinn.start.style")}>
            {(field) => (
              <Select {...field}>
                <option value="placeholder">{t("altinn.start.style.placeholder")}</option>
                <option value="concrete">{t("altinn.start.style.concrete")}</option>
              </Select>
            )}
          </FormField>
          <FormCheckboxGroup
            name="groups"
            legend={t("altinn.start.groups")}
            options={[
              { value: "users", label: t("altinn.start.users") },
              { value: "serviceOwners", label: t("altinn.start.serviceOwners") },
            ]}
          />
        </div>
        {error !== null && (
          <div role="alert" data-testid="start-failed">
            <Notice tone="danger">
              <strong>{t("altinn.start.failed")}</strong>: {tc(codedInsertError(error))}
            </Notice>
          </div>
        )}
        <div>
          <FormSubmit variant="secondary">{t("altinn.start.insert")}</FormSubmit>
        </div>
      </Fieldset>
    </Form>
  );
}
