import type { Key, ReactNode } from "react";

/**
 * What was (or will be) done, one row per item: the item, and its outcome. One markup for the
 * apply report of config and promotion (steps), Altinn provisioning (scopes and grants) and the
 * Give-access form (org numbers), so the three read and behave alike (issue 14, item 11).
 *
 * `rowData` gives each row's `data-*` attributes (keys without the `data-` prefix), which the
 * e2e specs find rows by (`data-step-id`, `data-orgno`, …). With `scroll`, the list scrolls
 * inside 16 rem with its header kept in view (a grant of thousands of numbers). The box is a
 * focusable region named by `caption`, so a list wider or longer than it scrolls by keyboard.
 */
export function ResultTable<Row>({
  rows,
  rowKey,
  caption,
  itemHeader,
  outcomeHeader,
  item,
  outcome,
  rowData,
  testId,
  itemClassName = "",
  scroll = false,
}: {
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  /** The table's accessible name (a visually hidden caption). */
  caption: string;
  itemHeader: ReactNode;
  outcomeHeader: ReactNode;
  item: (row: Row) => ReactNode;
  outcome: (row: Row) => ReactNode;
  rowData?: (row: Row) => Record<string, string | undefined>;
  testId?: string;
  /** Extra classes of the item cell (e.g. `font-mono` for org numbers and scope names). */
  itemClassName?: string;
  scroll?: boolean;
}) {
  const cell = scroll ? "px-3 py-1.5" : "px-3 py-2";
  return (
    <section
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
      tabIndex={0}
      className={`overflow-auto rounded-lg border border-slate-200 dark:border-slate-700 ${
        scroll ? "max-h-64" : ""
      }`}
    >
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={`bg-slate-100 dark:bg-slate-800 ${scroll ? "sticky top-0" : ""}`}>
          <tr>
            <th scope="col" className={cell}>
              {itemHeader}
            </th>
            <th scope="col" className={cell}>
              {outcomeHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr
              key={rowKey(row, index)}
              className="border-t border-slate-200 dark:border-slate-700"
              {...Object.fromEntries(
                Object.entries(rowData?.(row) ?? {}).map(([name, value]) => [
                  `data-${name}`,
                  value,
                ]),
              )}
            >
              <td className={`${cell} ${itemClassName}`}>{item(row)}</td>
              <td className={cell}>{outcome(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
