import { Button } from "../../../components/ui/button";
import { useI18n } from "../../../lib/i18n";

/** A 412 from the BFF means someone changed the key set since this page read it. */
export function ConcurrentEditNotice({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      data-testid="concurrent-edit"
      className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      <p className="font-semibold">{t("keys.conflictTitle")}</p>
      <p>{t("keys.conflictBody")}</p>
      <div>
        <Button onClick={onReload}>{t("keys.reload")}</Button>
      </div>
    </div>
  );
}
