import type { RowWarning } from "@portvakt/contracts";
import { useI18n } from "../../lib/i18n";
import { Badge } from "./status";

/**
 * A small marker on a row Digdir answered oddly (the BFF's `portvakt_warnings`): the row is
 * shown as it is, and the marker's tooltip says what was odd. Nothing is shown for a clean row.
 */
export function RowWarnings({
  warnings,
  ignore = [],
}: {
  warnings: readonly RowWarning[] | undefined;
  /** Kinds shown by the page in its own way (e.g. a legacy key). */
  ignore?: readonly string[];
}) {
  const { t, tc } = useI18n();
  const shown = (warnings ?? []).filter((w) => !ignore.includes(w.kind));
  if (shown.length === 0) return null;
  // Each warning in the page's language from its code; its English message only if no table knows it.
  const details = shown
    .map((w) => tc({ code: w.code, ...(w.params ? { params: w.params } : {}), detail: w.message }))
    .join("; ");
  return (
    <span title={t("common.oddRowHelp", { details })} data-testid="row-warning">
      <Badge tone="warning">{t("common.oddRow")}</Badge>
      <span className="sr-only">{t("common.oddRowHelp", { details })}</span>
    </span>
  );
}
