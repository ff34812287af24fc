import { isUnsetLifetime } from "@portvakt/config-as-code/answer";
import { type ReactNode, useId, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Badge } from "../../../components/ui/status";
import { actionLabel, codedPartsText, roleLabel } from "../../../lib/audit-labels";
import { useI18n } from "../../../lib/i18n";
import type { AuditEntry, AuditOutcome } from "../api/get-audit";
import { diffEntry } from "./entry-diff";

const OUTCOME_TONE = {
  success: "success",
  failure: "danger",
  denied: "warning",
  partial: "warning",
  unknown: "info",
  requested: "info",
} as const;

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const { t } = useI18n();
  return <Badge tone={OUTCOME_TONE[outcome]}>{t(`audit.outcome.${outcome}`)}</Badge>;
}

export function CopyButton({ value }: { value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  if (typeof navigator === "undefined" || !navigator.clipboard) return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      className="h-6 px-1.5 text-xs"
      aria-label={t("audit.copyNamed", { id: value })}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        });
      }}
    >
      {copied ? t("common.copied") : t("common.copy")}
    </Button>
  );
}

const json = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value, null, 2));

/**
 * One entry in full, shown in its expanded table row: who, what, the ids to quote (request and
 * correlation id, with a copy button), and what changed as a field-by-field diff.
 */
export function EntryDetails({
  entry,
  envLabel,
  formatTime,
}: {
  entry: AuditEntry | null;
  envLabel: string;
  formatTime: (iso: string) => string;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const changes = useMemo(() => (entry ? diffEntry(entry.before, entry.after) : []), [entry]);
  const hasValues = entry?.before !== undefined || entry?.after !== undefined;
  /**
   * A side a changed field is missing from: a scope lifetime of a thing that exists is unset
   * (Maskinporten's default, as the create form says), anything else a dash.
   */
  const missing = (path: string, side: unknown) =>
    side !== undefined && isUnsetLifetime(path, undefined) ? t("audit.diff.unsetLifetime") : "—";
  const rows: [string, ReactNode][] = entry
    ? [
        [t("audit.col.time"), formatTime(entry.time)],
        [
          t("audit.col.person"),
          <span key="p">
            {entry.actor.name}{" "}
            <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
              ({entry.actor.sub})
            </span>
          </span>,
        ],
        [t("audit.col.role"), roleLabel(t, entry.role)],
        [t("audit.col.env"), envLabel],
        [
          t("audit.col.action"),
          <span key="a">
            {actionLabel(t, entry.action)}{" "}
            <code className="font-mono text-xs text-slate-600 dark:text-slate-400">
              {entry.action}
            </code>
          </span>,
        ],
        [
          t("audit.col.target"),
          <code key="t" className="font-mono text-xs break-all">
            <EntryTarget entry={entry} />
          </code>,
        ],
        [
          t("audit.col.outcome"),
          <span key="o" className="flex items-center gap-2">
            <OutcomeBadge outcome={entry.outcome} />
            <span className="font-mono">{entry.status}</span>
          </span>,
        ],
        ...(entry.detail
          ? [[t("audit.detail"), <EntryDetailText key="d" entry={entry} />] as [string, ReactNode]]
          : []),
        ...(entry.follows
          ? [
              [
                t("audit.follows"),
                <code key="f" className="font-mono text-xs break-all select-all">
                  {entry.follows}
                </code>,
              ] as [string, ReactNode],
            ]
          : []),
        ...(entry.outcome === "unknown"
          ? [[t("audit.outcome"), t("audit.unknownHelp")] as [string, ReactNode]]
          : []),
        [
          t("audit.entryId"),
          <code key="id" className="font-mono text-xs break-all select-all">
            {entry.id}
          </code>,
        ],
        [
          t("audit.requestId"),
          <span key="r" className="flex items-center gap-1">
            <code className="font-mono text-xs break-all select-all">{entry.requestId}</code>
          </span>,
        ],
        [
          t("audit.col.correlationId"),
          entry.correlationId ? (
            <span key="c" className="flex items-center gap-1">
              <code className="font-mono text-xs break-all select-all">{entry.correlationId}</code>
              <CopyButton value={entry.correlationId} />
            </span>
          ) : (
            "—"
          ),
        ],
      ]
    : [];

  return (
    <>
      {entry && (
        <div className="flex flex-col gap-4" data-testid="audit-details">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{label}</dt>
                <dd className="text-sm">{value}</dd>
              </div>
            ))}
          </dl>
          <section aria-labelledby={headingId} className="flex flex-col gap-2">
            <h3 id={headingId} className="font-semibold">
              {t("audit.changes")}
            </h3>
            {!hasValues ? (
              <p className="text-sm">{t("audit.noChanges")}</p>
            ) : changes.length === 0 ? (
              <p className="text-sm">{t("audit.diff.none")}</p>
            ) : (
              <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
                <table className="w-full text-left text-sm" data-testid="audit-diff">
                  <thead className="bg-slate-100 dark:bg-slate-800">
                    <tr>
                      <th scope="col" className="px-3 py-1.5">
                        {t("audit.diff.path")}
                      </th>
                      <th scope="col" className="px-3 py-1.5">
                        {t("audit.diff.before")}
                      </th>
                      <th scope="col" className="px-3 py-1.5">
                        {t("audit.diff.after")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <tr
                        key={c.path}
                        className="border-t border-slate-200 align-top dark:border-slate-700"
                      >
                        <th scope="row" className="px-3 py-1.5 font-mono text-xs font-medium">
                          {c.path}
                        </th>
                        <td className="px-3 py-1.5 font-mono text-xs break-all">
                          {c.before === undefined ? (
                            missing(c.path, entry.before)
                          ) : (
                            <del className="bg-red-50 text-red-900 no-underline dark:bg-red-950 dark:text-red-100">
                              {c.before}
                            </del>
                          )}
                        </td>
                        <td className="px-3 py-1.5 font-mono text-xs break-all">
                          {c.after === undefined ? (
                            missing(c.path, entry.after)
                          ) : (
                            <ins className="bg-emerald-50 text-emerald-900 no-underline dark:bg-emerald-950 dark:text-emerald-100">
                              {c.after}
                            </ins>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {hasValues && (
              <details className="text-sm">
                <summary className="cursor-pointer font-medium">{t("audit.json")}</summary>
                <div className="mt-2 grid grid-cols-1 gap-2 md:grid-cols-2">
                  <div>
                    <p className="text-xs font-medium">{t("audit.diff.before")}</p>
                    <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                      {json(entry.before)}
                    </pre>
                  </div>
                  <div>
                    <p className="text-xs font-medium">{t("audit.diff.after")}</p>
                    <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                      {json(entry.after)}
                    </pre>
                  </div>
                </div>
              </details>
            )}
          </section>
        </div>
      )}
    </>
  );
}

/**
 * An entry's detail in the page's language: its code and `more` (issue 14 #13), each sentence on
 * a line of its own; an entry without a code (written before codes, or Digdir's own words) shows
 * its English detail as it is.
 */
export function EntryDetailText({
  entry,
}: {
  entry: Pick<AuditEntry, "code" | "params" | "more" | "detail">;
}) {
  const { tc } = useI18n();
  if (!entry.code) return <span>{entry.detail}</span>;
  const sentences = [{ code: entry.code, params: entry.params }, ...(entry.more ?? [])];
  // Until the code tables are in (a chunk of their own), or for a code this version does not
  // know, the English detail stands for the whole.
  const texts = sentences.map((s) => tc(s, ""));
  if (texts.some((text) => !text)) return <span>{entry.detail}</span>;
  return (
    <span data-testid="audit-detail-text">
      {texts.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the sentences of one entry never reorder
        <span key={i} className="block">
          {text}
        </span>
      ))}
    </span>
  );
}

/**
 * An entry's target in the page's language (issue 14 #13): its coded parts (`targetParts`,
 * `audit.target.*`) joined with ", ", e.g. "digdir:x → 3 konsumenter"; an entry without parts
 * (written before, or a plain name) or with a part this version does not know shows its
 * `target` as it is. The CSV/JSON export and the CLI keep the English `target`.
 */
export function EntryTarget({ entry }: { entry: Pick<AuditEntry, "target" | "targetParts"> }) {
  const i18n = useI18n();
  const texts = codedPartsText(i18n, entry.targetParts);
  if (!texts) return <>{entry.target || "—"}</>;
  return <span data-testid="audit-target-text">{texts.join(", ")}</span>;
}
