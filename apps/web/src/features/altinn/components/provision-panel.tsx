import { AltinnProvisionRequest } from "@portvakt/altinn-scopes";
import { useCallback } from "react";
import { useWatch } from "react-hook-form";
import {
  Form,
  FormField,
  FormProblem,
  useContractForm,
  useFieldError,
} from "../../../components/form/form";
import { ResultTable } from "../../../components/plan/result-table";
import { Button } from "../../../components/ui/button";
import { Fieldset, Textarea } from "../../../components/ui/field";
import { Badge, Notice } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { type ProvisionItem, useProvisionAltinnScopes } from "../api/provision";
import type { ValidationAnswer } from "../api/validate-metadata";
import { parseOrgnoList } from "./metadata-text";

const STATUS_TONE: Record<ProvisionItem["status"], "success" | "neutral" | "danger" | "info"> = {
  created: "success",
  reactivated: "success",
  granted: "success",
  exists: "neutral",
  "already-granted": "neutral",
  failed: "danger",
  unknown: "danger",
  "will-create": "info",
  "will-reactivate": "info",
  "will-grant": "info",
};

/** The form's values as typed: the org numbers as one text, and which button sent it. */
type ProvisionValues = { grantTo: string; dryRun: boolean };
const PROVISION_FIELDS = ["grantTo"] as const;

/**
 * One button for what is missing: scopes created or reactivated, users' scopes granted. A form
 * on the Form primitive, checked with the BFF's own `AltinnProvisionRequest` (altinn-scopes): a
 * bad org number is on the org-number field (while typing, and on submit with the focus there),
 * and so is the BFF's refusal of one (`grantTo.<i>`); other refusals beside the buttons.
 */
export function ProvisionPanel({
  metadata,
  report,
  ready,
  allowed,
  deniedReason,
}: {
  metadata: string;
  report: ValidationAnswer | undefined;
  /** The report is for exactly this text (not being re-checked). */
  ready: boolean;
  allowed: boolean;
  deniedReason?: string;
}) {
  const env = useEnv();
  const { t, tc, tm, lang } = useI18n();
  const toast = useToast();
  const provision = useProvisionAltinnScopes(env.id);
  const toBody = useCallback(
    ({ grantTo, dryRun }: ProvisionValues) => {
      const orgnos = parseOrgnoList(grantTo).map((entry) => entry.orgno);
      // The scopes created are described in the page's language (issue 14, defect 2).
      return {
        metadata,
        dryRun,
        language: lang,
        ...(orgnos.length > 0 ? { grantTo: orgnos } : {}),
      };
    },
    [metadata, lang],
  );
  const form = useContractForm<ProvisionValues, AltinnProvisionRequest>({
    schema: AltinnProvisionRequest,
    toBody,
    defaultValues: { grantTo: "", dryRun: false },
  });
  const grantText = useWatch({ control: form.control, name: "grantTo" });
  const entries = parseOrgnoList(grantText ?? "");
  const invalid = entries.filter((e) => e.problem !== null);
  const missing = (report?.scopes ?? []).filter((s) => s.maskinporten !== "active").length;
  const hasScopes = (report?.scopes.length ?? 0) > 0;
  const canRun = allowed && ready && Boolean(report?.valid) && hasScopes;
  const submitting = form.formState.isSubmitting;

  const run = async (body: AltinnProvisionRequest) => {
    const answer = await provision.mutateAsync(body);
    if (answer.dryRun) return;
    if (answer.ok) toast.success(({ t }) => t("altinn.provision.done", { app: answer.app }));
    else toast.error(({ t }) => t("altinn.provision.partly", { app: answer.app }));
  };

  const result = provision.data;
  return (
    <Form
      form={form}
      onSubmit={run}
      fields={PROVISION_FIELDS}
      idPrefix="altinn-provision"
      aria-label={t("altinn.provision.title")}
    >
      <Fieldset legend={t("altinn.provision.title")}>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.provision.help")}</p>
        {!allowed && deniedReason && <Notice tone="info">{deniedReason}</Notice>}
        {report && !report.valid && (
          <Notice tone="warning">{t("altinn.provision.fixFirst")}</Notice>
        )}
        {report?.valid && hasScopes && missing === 0 && entries.length === 0 && (
          <Notice tone="info">{t("altinn.provision.nothing")}</Notice>
        )}
        <FormField
          name="grantTo"
          label={t("altinn.provision.grantLabel")}
          help={t("altinn.provision.grantHelp")}
          liveError={
            invalid.length > 0
              ? invalid
                  .map((e) =>
                    t("altinn.provision.invalidEntry", { orgno: e.orgno, reason: tm(e.problem) }),
                  )
                  .join(" · ")
              : null
          }
        >
          {(field) => (
            <Textarea
              {...field}
              rows={2}
              className="font-mono"
              disabled={!allowed}
              placeholder="889640782"
            />
          )}
        </FormField>
        <MetadataError />
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            variant="primary"
            disabled={!canRun || submitting}
            pending={submitting && !form.getValues("dryRun")}
            onClick={() => form.setValue("dryRun", false)}
          >
            {t("altinn.provision.run")}
          </Button>
          <Button
            type="submit"
            disabled={!canRun || submitting}
            pending={submitting && form.getValues("dryRun")}
            onClick={() => form.setValue("dryRun", true)}
          >
            {t("altinn.provision.preview")}
          </Button>
        </div>
        <FormProblem error={provision.error} title={t("altinn.provision.failed")} />
        {result && (
          <div className="flex flex-col gap-2" aria-live="polite">
            {result.dryRun && <Notice tone="info">{t("altinn.provision.dryRun")}</Notice>}
            <ResultTable
              rows={result.items}
              rowKey={(item) => `${item.kind}-${item.scope}-${item.consumer_orgno ?? ""}`}
              rowData={(item) => ({
                kind: item.kind,
                scope: item.scope,
                orgno: item.consumer_orgno ?? undefined,
              })}
              caption={t("altinn.provision.resultCaption")}
              itemHeader={t("altinn.provision.col.item")}
              outcomeHeader={t("altinn.provision.col.status")}
              testId="provision-results"
              itemClassName="font-mono break-all"
              item={(item) =>
                item.kind === "grant"
                  ? t("altinn.provision.grantItem", {
                      scope: item.scope,
                      orgno: item.consumer_orgno ?? "",
                    })
                  : item.scope
              }
              outcome={(item) => (
                <>
                  <Badge tone={STATUS_TONE[item.status]}>{t(`altinn.status.${item.status}`)}</Badge>
                  {item.detail && (
                    // The BFF's coded text in the page's language (its English detail if the
                    // code is unknown); Digdir's own words stay quoted inside it.
                    <p className="mt-1 text-xs" data-code={item.code}>
                      {item.code
                        ? tc({ code: item.code, params: item.params, detail: item.detail })
                        : item.detail}
                    </p>
                  )}
                  {item.correlation_id && (
                    <p className="mt-1 text-xs">
                      {t("problem.correlationId")}:{" "}
                      <code className="font-mono select-all">{item.correlation_id}</code>
                    </p>
                  )}
                </>
              )}
            />
          </div>
        )}
      </Fieldset>
    </Form>
  );
}

/**
 * The metadata text's own refusal (empty, nested too deep: `AltinnMetadataText`), which has no
 * field in this form: the editor above is where it is fixed.
 */
function MetadataError() {
  const error = useFieldError("metadata");
  if (!error) return null;
  return <Notice tone="warning">{error}</Notice>;
}
