import { useI18n } from "../../lib/i18n";

/**
 * A moment as `<time>` in the page's language (the i18n `formatDateTime`: medium date, short time).
 * A line may break between the date and the time, never inside either, so a table's date columns
 * stay narrow enough for their neighbours and the actions column (issue 14, defect 6: dates hid
 * under the sticky actions at 1,280 px). `value`: ISO 8601 text, epoch milliseconds or a Date;
 * "—" when missing or invalid.
 */
export function DateTime({ value }: { value: string | number | Date | undefined }) {
  const { formatDate, formatDateTime } = useI18n();
  const full = formatDateTime(value);
  const date = formatDate(value);
  const iso = value === undefined || full === "—" ? undefined : new Date(value).toISOString();
  // "30. nov. 2026, 23:57": the date, its separator (a comma in nb, nn and en-GB), the time.
  const rest = full.startsWith(date) ? /^(\S*)\s+(.+)$/.exec(full.slice(date.length)) : null;
  if (!rest) {
    return (
      <time dateTime={iso} className="whitespace-nowrap">
        {full}
      </time>
    );
  }
  return (
    <time dateTime={iso}>
      <span className="whitespace-nowrap">
        {date}
        {rest[1]}
      </span>{" "}
      <span className="whitespace-nowrap">{rest[2]}</span>
    </time>
  );
}
