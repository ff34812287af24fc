import { useI18n } from "../../lib/i18n";
import { Select } from "../ui/field";
import type { FormControlProps } from "./form";

/**
 * The control of a `FormField` that picks one of a server query's values (e.g. the
 * organisation's prefixes, `GET /api/envs/{env}/prefixes`): disabled with a "loading" option
 * while the query is pending, then one option per value, shown as it is. One control for the
 * scope form and the Altinn page's "start from the app" (they were copies).
 */
export function ValuesSelect({
  field,
  pending,
  values,
}: {
  /** What `FormField` hands its control. */
  field: FormControlProps;
  /** Whether the values are still being fetched. */
  pending: boolean;
  /** The values; undefined while pending or after a failed query (shown as no options). */
  values: readonly string[] | undefined;
}) {
  const { t } = useI18n();
  return (
    <Select {...field} disabled={pending}>
      {pending && <option value="">{t("common.loading")}</option>}
      {(values ?? []).map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </Select>
  );
}
