import { useId, useState } from "react";
import { ApplyProgress, ApplyResult, StalePlanNotice } from "../../../components/plan/apply-result";
import { PlanView } from "../../../components/plan/plan-view";
import { Button } from "../../../components/ui/button";
import { Field, Fieldset, Select, Textarea } from "../../../components/ui/field";
import { FileInput } from "../../../components/ui/file-input";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Badge, Notice, PageHeader } from "../../../components/ui/status";
import { useEnv } from "../../../lib/env";
import { downloadText, readTextFile } from "../../../lib/files";
import { useI18n } from "../../../lib/i18n";
import { ACCESS_KINDS } from "../../../lib/plan-apply";
import { useRoleGate } from "../../../lib/session";
import { useOnChange } from "../../../lib/use-on-change";
import {
  type ApplyOutcome,
  type DocumentFormat,
  exportDocument,
  formatOf,
  type Plan,
  useApplyPlan,
  usePlanDocument,
} from "../api/config-document";

/**
 * Configuration as code in the browser: export the environment as a document, plan an edited
 * one against the live state, confirm the dangerous steps, and apply.
 */
export function ConfigPage() {
  const env = useEnv();
  const { t } = useI18n();
  const [document, setDocument] = useState("");
  const [fileName, setFileName] = useState<string | undefined>();
  const [fileError, setFileError] = useState<string | null>(null);
  const planner = usePlanDocument(env.id);
  const applier = useApplyPlan(env.id);
  const [plan, setPlan] = useState<{ plan: Plan; document: string; format: DocumentFormat } | null>(
    null,
  );
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  const operator = useRoleGate("operator");
  const admin = useRoleGate("admin");
  // A plan, its apply report and their errors belong to the document they were made of: an
  // edit (typed, a file, an export opened) takes them away, and says to plan again.
  const [replan, setReplan] = useState(false);
  useOnChange(document, () => {
    if (plan !== null || planner.isError) setReplan(true);
    setPlan(null);
    setOutcome(null);
    setConfirmed(new Set());
    planner.reset();
    applier.reset();
  });

  const makePlan = () => {
    const format = formatOf(document, fileName);
    setReplan(false);
    setOutcome(null);
    applier.reset();
    planner.mutate(
      { document, format },
      {
        onSuccess: (next) => {
          setPlan({ plan: next, document, format });
          setConfirmed(new Set());
        },
        onError: () => setPlan(null),
      },
    );
  };

  const apply = () => {
    if (!plan) return;
    setOutcome(null);
    applier.mutate(
      {
        document: plan.document,
        format: plan.format,
        planFingerprint: plan.plan.fingerprint,
        confirm: plan.plan.steps.filter((s) => s.dangerous && confirmed.has(s.id)).map((s) => s.id),
      },
      { onSuccess: setOutcome },
    );
  };

  const onFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    const content = await readTextFile(file);
    if (content === null) {
      setFileError(t("file.tooLarge", { name: file.name }));
      return;
    }
    setFileName(file.name);
    setDocument(content);
  };

  const steps = plan?.plan.steps ?? [];
  const dangerous = steps.filter((s) => s.dangerous);
  const allConfirmed = dangerous.every((s) => confirmed.has(s.id));
  const applied = outcome?.kind === "report";
  const gate = steps.every((s) => ACCESS_KINDS.has(s.kind)) ? operator : admin;

  return (
    <section>
      <PageHeader title={t("config.title")} description={t("config.description")} />
      <RoleNotice needed="operator" what="config.role.what" />
      <div className="flex flex-col gap-6">
        <ExportPanel
          onOpen={(text, format) => {
            setDocument(text);
            setFileName(`portvakt-${env.id}.${format}`);
          }}
        />
        <Fieldset legend={t("config.import.title")}>
          <Field
            label={t("config.import.file")}
            help={t("config.import.fileHelp")}
            error={fileError}
          >
            {({ id, describedBy }) => (
              <FileInput
                id={id}
                describedBy={describedBy}
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                testId="config-file"
                onFiles={(files) => void onFile(files[0])}
              />
            )}
          </Field>
          <Field
            id="config-document"
            label={t("config.import.label")}
            help={t("config.import.help")}
          >
            {({ id, describedBy }) => (
              <Textarea
                id={id}
                aria-describedby={describedBy}
                rows={16}
                wrap="off"
                spellCheck={false}
                autoCapitalize="off"
                className="font-mono text-xs leading-5"
                readOnly={applier.isPending}
                value={document}
                onChange={(e) => setDocument(e.target.value)}
              />
            )}
          </Field>
          <div>
            <Button
              variant="primary"
              disabled={!document.trim() || applier.isPending}
              pending={planner.isPending}
              onClick={makePlan}
            >
              {t("config.import.plan")}
            </Button>
          </div>
          {planner.isError && (
            <ErrorAlert error={planner.error} title={t("config.import.planFailed")} />
          )}
          {replan && (
            <Notice tone="info">
              <span data-testid="config-replan">{t("config.import.changed")}</span>
            </Notice>
          )}
        </Fieldset>

        {plan && (
          <section aria-labelledby="config-plan-title" className="flex flex-col gap-4">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="config-plan-title" className="text-lg font-semibold">
                {t("config.plan.title", { env: env.label })}
              </h2>
              <Badge tone={plan.plan.summary.dangerous > 0 ? "danger" : "info"}>
                {t("config.plan.summary", {
                  total: plan.plan.summary.total,
                  dangerous: plan.plan.summary.dangerous,
                })}
              </Badge>
            </div>
            <PlanView
              plan={plan.plan}
              confirmed={confirmed}
              onConfirmedChange={setConfirmed}
              disabled={applier.isPending || applied}
            />
            {steps.length > 0 && !applied && (
              <div className="flex flex-col items-start gap-2">
                {dangerous.length > 0 && (
                  <p className="text-sm" aria-live="polite">
                    {t("config.plan.confirmed", {
                      confirmed: dangerous.filter((s) => confirmed.has(s.id)).length,
                      total: dangerous.length,
                    })}
                  </p>
                )}
                <Button
                  variant={dangerous.length > 0 ? "danger" : "primary"}
                  disabled={!allConfirmed || !gate.allowed}
                  title={gate.reason || undefined}
                  pending={applier.isPending}
                  onClick={apply}
                  aria-describedby={allConfirmed ? undefined : "config-apply-help"}
                >
                  {t("config.plan.apply", { count: steps.length })}
                </Button>
                {!gate.allowed && operator.allowed && (
                  <Notice tone="info">{t("config.plan.operatorOnly")}</Notice>
                )}
                {!allConfirmed && (
                  <p id="config-apply-help" className="text-sm text-slate-600 dark:text-slate-400">
                    {t("config.plan.applyNeedsConfirm")}
                  </p>
                )}
              </div>
            )}
            {applier.isPending && (
              <ApplyProgress
                steps={steps}
                label={t("config.apply.running", { count: steps.length, env: env.label })}
              />
            )}
            {applier.isError && (
              <ErrorAlert error={applier.error} title={t("config.apply.failed")} />
            )}
            {outcome?.kind === "report" && <ApplyResult report={outcome.report} />}
            {outcome?.kind === "stale" && (
              <StalePlanNotice
                env={env.label}
                text={outcome.text}
                onUseNew={() => {
                  setPlan({ ...plan, plan: outcome.plan });
                  setConfirmed(new Set());
                  setOutcome(null);
                }}
              />
            )}
          </section>
        )}
      </div>
    </section>
  );
}

function ExportPanel({ onOpen }: { onOpen: (text: string, format: DocumentFormat) => void }) {
  const env = useEnv();
  const { t } = useI18n();
  const formatId = useId();
  const [format, setFormat] = useState<DocumentFormat>("yaml");
  const [busy, setBusy] = useState<"download" | "open" | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: "download" | "open") => {
    setBusy(action);
    setError(null);
    try {
      const text = await exportDocument(env.id, format);
      if (action === "open") onOpen(text, format);
      else
        downloadText(
          `portvakt-${env.id}.${format}`,
          text,
          format === "json" ? "application/json" : "application/yaml",
        );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Fieldset legend={t("config.export.title")}>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t("config.export.help", { env: env.label })}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={formatId} className="text-sm font-medium">
            {t("config.export.format")}
          </label>
          <Select
            id={formatId}
            className="w-32"
            value={format}
            onChange={(e) => setFormat(e.target.value as DocumentFormat)}
          >
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </Select>
        </div>
        <Button
          variant="primary"
          pending={busy === "download"}
          disabled={busy !== null}
          onClick={() => void run("download")}
        >
          <span aria-hidden="true">⤓</span>
          {t("config.export.download")}
        </Button>
        <Button pending={busy === "open"} disabled={busy !== null} onClick={() => void run("open")}>
          {t("config.export.openInEditor")}
        </Button>
        <a
          href="/api/schema/portvakt-config.json"
          className="text-sm text-blue-700 underline dark:text-sky-400"
          target="_blank"
          rel="noreferrer"
        >
          {t("config.export.schema")}
        </a>
      </div>
      {error !== null && <ErrorAlert error={error} title={t("config.export.failed")} />}
    </Fieldset>
  );
}
