import { containsPrivateKey, DiagnoseRequest } from "@portvakt/contracts";
import { useWatch } from "react-hook-form";
import {
  Form,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { Select, Textarea } from "../../../components/ui/field";
import { Badge, Notice, PageHeader } from "../../../components/ui/status";
import { useEnv } from "../../../lib/env";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { useOnChange } from "../../../lib/use-on-change";
import { type Check, useDiagnose, useDiagnoseClients } from "../api";
import { ruleLabelKey } from "../messages";

/** The diagnose form's fields as typed: "" for "the client the grant names". */
type DiagnoseValues = { input: string; clientId: string };
const DIAGNOSE_FIELDS = ["input", "clientId"] as const;

/** The typed fields as the body of `POST .../diagnose` (checked with `DiagnoseRequest`). */
const toDiagnoseBody = (values: DiagnoseValues): unknown => ({
  input: values.input,
  ...(values.clientId ? { clientId: values.clientId } : {}),
});

function JsonBlock({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <h3 className="font-medium">{title}</h3>
      <pre
        data-testid={testId}
        className="max-h-96 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-800"
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function CheckItem({ check }: { check: Check }) {
  const { t, tc } = useI18n();
  const key = ruleLabelKey(check.rule);
  const tone = check.ok ? "success" : check.severity === "error" ? "danger" : "warning";
  const status = check.ok
    ? t("diagnose.ok")
    : check.severity === "error"
      ? t("diagnose.fails")
      : check.severity === "warning"
        ? t("diagnose.warning")
        : t("diagnose.note");
  return (
    <li
      data-rule={check.rule}
      data-ok={check.ok}
      className="flex flex-col gap-1 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={tone}>{status}</Badge>
        <span className="font-medium">{key ? t(key as MessageKey) : check.rule}</span>
        {check.mpCode && !check.ok && <Badge tone="danger">{check.mpCode}</Badge>}
        <code className="text-xs text-slate-500 dark:text-slate-400">{check.rule}</code>
      </div>
      <p data-code={check.code}>
        {tc({ code: check.code, params: check.params, detail: check.message })}
      </p>
      {check.fix && !check.ok && (
        <p data-code={check.fixCode}>
          <strong>{t("diagnose.fix")}</strong>{" "}
          {tc({ code: check.fixCode, params: check.params, detail: check.fix })}
        </p>
      )}
    </li>
  );
}

/** Paste a grant, an access token or an error response and get every rule explained. */
export function DiagnosePage() {
  const env = useEnv();
  const { t, tc } = useI18n();
  const clients = useDiagnoseClients(env.id);
  const diagnose = useDiagnose(env.id);
  const form = useContractForm<DiagnoseValues, DiagnoseRequest>({
    schema: DiagnoseRequest,
    toBody: toDiagnoseBody,
    defaultValues: { input: "", clientId: "" },
  });
  const input = useWatch({ control: form.control, name: "input" }) ?? "";
  const clientId = useWatch({ control: form.control, name: "clientId" }) ?? "";
  // A diagnosis is of what was pasted, for the client chosen: either changed, it goes.
  useOnChange(`${clientId}\n${input}`, () => diagnose.reset());
  // Checked while typing, before anything is sent (the BFF refuses it too, on the same field).
  const hasPrivateKey = containsPrivateKey(input);
  const result = diagnose.data;
  const failing = result?.checks.filter((c) => !c.ok) ?? [];
  const passing = result?.checks.filter((c) => c.ok) ?? [];

  return (
    <section className="flex flex-col gap-4">
      <PageHeader title={t("diagnose.title")} description={t("diagnose.description")} />
      <Form
        form={form}
        fields={DIAGNOSE_FIELDS}
        idPrefix="diagnose"
        className="flex max-w-4xl flex-col gap-4"
        aria-label={t("diagnose.title")}
        onSubmit={async (body) => {
          if (hasPrivateKey) return;
          diagnose.reset();
          await diagnose.mutateAsync(body);
        }}
      >
        <FormField
          name="input"
          label={t("diagnose.input")}
          help={t("diagnose.inputHelp")}
          liveError={hasPrivateKey ? t("diagnose.privateKey") : null}
        >
          {(field) => (
            <Textarea {...field} rows={8} spellCheck={false} className="font-mono text-xs" />
          )}
        </FormField>
        <FormField name="clientId" label={t("diagnose.client")} help={t("diagnose.clientHelp")}>
          {(field) => (
            <Select {...field}>
              <option value="">{t("diagnose.clientFromGrant")}</option>
              {(clients.data ?? []).map((c) => (
                <option key={c.client_id} value={c.client_id}>
                  {c.client_name} ({c.client_id})
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormProblem error={diagnose.error} title={t("diagnose.failed")} />
        <div>
          <FormSubmit disabled={hasPrivateKey}>{t("diagnose.run")}</FormSubmit>
        </div>
      </Form>
      {result && (
        <section
          aria-labelledby="diagnosis"
          className="flex flex-col gap-4"
          data-testid="diagnosis"
        >
          <div className="flex flex-col gap-1">
            <h2 id="diagnosis" className="text-xl font-semibold">
              {t("diagnose.result")}{" "}
              {result.mpCode && (
                <Badge tone="danger">
                  <span data-testid="diagnosis-mp-code">{result.mpCode}</span>
                </Badge>
              )}
            </h2>
            <p data-testid="diagnosis-summary">
              <Badge>{t(`diagnose.kind.${result.kind}` as MessageKey)}</Badge>{" "}
              {tc({
                code: result.summaryCode,
                params: result.summaryParams,
                detail: result.summary,
              })}
            </p>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {t("diagnose.context", { issuer: result.context.issuer })}
              {result.context.client &&
                ` ${t("diagnose.contextClient", { name: result.context.client.client_name })}`}
            </p>
            {result.context.clientNote && <Notice>{tc(result.context.clientNote)}</Notice>}
          </div>
          {failing.length > 0 && (
            <div className="flex flex-col gap-2">
              <h3 className="font-semibold">{t("diagnose.failing", { count: failing.length })}</h3>
              <ul className="flex flex-col gap-2" data-testid="diagnosis-failing">
                {failing.map((check) => (
                  <CheckItem key={check.rule + check.message} check={check} />
                ))}
              </ul>
            </div>
          )}
          {passing.length > 0 && (
            <details open={failing.length === 0}>
              <summary className="cursor-pointer font-semibold">
                {t("diagnose.passing", { count: passing.length })}
              </summary>
              <ul className="mt-2 flex flex-col gap-2">
                {passing.map((check) => (
                  <CheckItem key={check.rule + check.message} check={check} />
                ))}
              </ul>
            </details>
          )}
          <div className="flex flex-wrap gap-4">
            {result.header && (
              <JsonBlock
                title={t("diagnose.header")}
                value={result.header}
                testId="diagnosis-header"
              />
            )}
            {result.claims && (
              <JsonBlock
                title={t("diagnose.claims")}
                value={result.claims}
                testId="diagnosis-claims"
              />
            )}
            {result.error && (
              <JsonBlock
                title={t("diagnose.error")}
                value={result.error}
                testId="diagnosis-error"
              />
            )}
          </div>
        </section>
      )}
    </section>
  );
}
