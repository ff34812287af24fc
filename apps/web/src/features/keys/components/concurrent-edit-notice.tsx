import { Button } from "../../../components/ui/button";
import { useI18n } from "../../../lib/i18n";

/** A 412 from the BFF means someone changed the key set since this page read it. */
export function ConcurrentEditNotice({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      data-testid="concurrent-edit"
      data-color="warning"
      className="ds-alert flex flex-col gap-2 text-sm"
    >
      <p className="font-semibold">{t("keys.conflictTitle")}</p>
      <p>{t("keys.conflictBody")}</p>
      <div>
        <Button onClick={onReload}>{t("keys.reload")}</Button>
      </div>
    </div>
  );
}
