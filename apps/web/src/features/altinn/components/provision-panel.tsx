import { useMemo, useState } from "react";
import { ResultTable } from "../../../components/plan/result-table";
import { Button } from "../../../components/ui/button";
import { Field, Fieldset, Textarea } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
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

/** One button for what is missing: scopes created or reactivated, users' scopes granted. */
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
  const { t, tm, tc } = useI18n();
  const toast = useToast();
  const provision = useProvisionAltinnScopes(env.id);
  const [grantText, setGrantText] = useState("");
  const entries = useMemo(() => parseOrgnoList(grantText), [grantText]);
  const invalid = entries.filter((e) => e.problem !== null);
  const missing = (report?.scopes ?? []).filter((s) => s.maskinporten !== "active").length;
  const hasScopes = (report?.scopes.length ?? 0) > 0;
  const canRun = allowed && ready && Boolean(report?.valid) && hasScopes && invalid.length === 0;

  const run = (dryRun: boolean) =>
    provision.mutate(
      { metadata, grantTo: entries.map((e) => e.orgno), dryRun },
      {
        onSuccess: (answer) => {
          if (answer.dryRun) return;
          if (answer.ok) toast.success(t("altinn.provision.done", { app: answer.app }));
          else toast.error(t("altinn.provision.partly", { app: answer.app }));
        },
        onError: (error) => toast.error(t("altinn.provision.failed"), error),
      },
    );

  const result = provision.data;
  return (
    <Fieldset legend={t("altinn.provision.title")}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.provision.help")}</p>
      {!allowed && deniedReason && <Notice tone="info">{deniedReason}</Notice>}
      {report && !report.valid && <Notice tone="warning">{t("altinn.provision.fixFirst")}</Notice>}
      {report?.valid && hasScopes && missing === 0 && entries.length === 0 && (
        <Notice tone="info">{t("altinn.provision.nothing")}</Notice>
      )}
      <Field
        id="altinn-grant-to"
        label={t("altinn.provision.grantLabel")}
        help={t("altinn.provision.grantHelp")}
        error={
          invalid.length > 0
            ? invalid
                .map((e) =>
                  t("altinn.provision.invalidEntry", {
                    orgno: e.orgno,
                    reason: tm(e.problem ?? ""),
                  }),
                )
                .join(" · ")
            : null
        }
      >
        {({ id, describedBy, invalid: isInvalid }) => (
          <Textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={isInvalid || undefined}
            rows={2}
            className="font-mono"
            value={grantText}
            disabled={!allowed}
            placeholder="889640782"
            onChange={(e) => setGrantText(e.target.value)}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          disabled={!canRun || provision.isPending}
          pending={provision.isPending && provision.variables?.dryRun === false}
          onClick={() => run(false)}
        >
          {t("altinn.provision.run")}
        </Button>
        <Button
          disabled={!canRun || provision.isPending}
          pending={provision.isPending && provision.variables?.dryRun === true}
          onClick={() => run(true)}
        >
          {t("altinn.provision.preview")}
        </Button>
      </div>
      {provision.isError && (
        <ErrorAlert error={provision.error} title={t("altinn.provision.failed")} />
      )}
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
  );
}
