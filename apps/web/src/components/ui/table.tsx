import { Input, Table } from "@digdir/designsystemet-react";
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type OnChangeFn,
  type RowSelectionState,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type ComponentProps,
  Fragment,
  type InputHTMLAttributes,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from "react";
import { useI18n } from "../../lib/i18n";

export type { ColumnDef, RowSelectionState };

/**
 * The one data table, on Designsystemet's Table: sortable headers (buttons, with aria-sort), a global text filter and
 * virtualized rows, so ten thousand grants scroll as smoothly as ten. Rows outside the viewport
 * are replaced by two spacer rows, which keeps real table semantics for screen readers.
 */
export function DataTable<T>({
  data,
  columns,
  getRowId,
  label,
  globalFilter = "",
  initialSorting = [],
  rowSelection,
  onRowSelectionChange,
  canSelect,
  empty,
  rowHeight = 45,
  maxHeight = "min(70vh, 44rem)",
  testId,
  renderExpanded,
}: {
  data: T[];
  columns: ColumnDef<T>[];
  getRowId: (row: T) => string;
  /** Names the scrollable region for assistive technology. */
  label: string;
  globalFilter?: string;
  initialSorting?: SortingState;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  /** Which rows may be selected when selection is on; all by default. */
  canSelect?: (row: T) => boolean;
  empty: ReactNode;
  rowHeight?: number;
  maxHeight?: string;
  testId?: string;
  /**
   * A row's expanded part, shown in a full-width row under it (`id` for the toggle's
   * `aria-controls`), or null while the row is closed. The page keeps which rows are open.
   */
  renderExpanded?: (row: T) => { id: string; content: ReactNode } | null;
}) {
  const { t } = useI18n();
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting, globalFilter, ...(rowSelection ? { rowSelection } : {}) },
    onSortingChange: setSorting,
    onRowSelectionChange,
    enableRowSelection: onRowSelectionChange
      ? canSelect
        ? (row) => canSelect(row.original)
        : true
      : false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: "includesString",
  });

  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  // The header row is sticky at the top of the scroller: scrolling a row's action into view (a
  // keyboard user's focus, `scrollIntoView`) keeps that much free at the top, so the action is
  // not left under the header (WCAG 2.4.11). On a phone the header is visually hidden (1 px).
  useEffect(() => {
    const head = headRef.current;
    const scroller = scrollRef.current;
    if (!head || !scroller) return;
    const measure = () => {
      scroller.style.scrollPaddingTop = `${head.offsetHeight}px`;
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // An open row is measured with its expanded part, so the rows after it keep their place.
    ...(renderExpanded
      ? {
          measureElement: (element: Element) => {
            const next = element.nextElementSibling;
            const detail =
              next instanceof HTMLElement && next.dataset.expandedOf === element.id
                ? next.getBoundingClientRect().height
                : 0;
            return Math.round(element.getBoundingClientRect().height + detail);
          },
        }
      : {}),
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items.length > 0 ? items[0]!.start : 0;
  // With no row measured in view yet (a box as high as its content, whose header takes no room,
  // as on a phone) the rows' estimated height keeps the box open, so the virtualizer sees room
  // and renders them.
  const paddingBottom =
    items.length > 0
      ? virtualizer.getTotalSize() - items[items.length - 1]!.end
      : virtualizer.getTotalSize();
  const columnCount = table.getVisibleLeafColumns().length;
  // The actions column stays in view when a long value makes the table wider than its box
  // (sticky at the right edge), and on a phone each row becomes a card of label: value lines
  // (issue 14, defect 6).
  const isActions = (id: string) => id === "actions" || id === "details";
  const labelOf = (header: unknown) => (typeof header === "string" ? header : undefined);

  return (
    <div className="flex flex-col gap-2">
      <section
        ref={scrollRef}
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
        tabIndex={0}
        data-testid={testId}
        className="overflow-auto rounded-lg border border-[var(--ds-color-neutral-border-subtle)] bg-[var(--ds-color-neutral-surface-default)]"
        style={{ maxHeight }}
      >
        <Table data-size="sm" className="text-left text-sm max-sm:block">
          {/* On a phone the rows are cards and the header row is for screen readers; when a
              keyboard user tabs to one of its sort buttons it is shown (focus is never on
              something unseen, WCAG 2.4.7 and 2.4.11). */}
          <thead
            ref={headRef}
            className="sticky top-0 z-10 max-sm:sr-only max-sm:focus-within:not-sr-only max-sm:focus-within:block"
          >
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="max-sm:flex max-sm:flex-wrap">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const content = header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      // Designsystemet's sortable header: aria-sort on the cell (none when
                      // unsorted) and a button filling it; its CSS draws the arrows.
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : canSort
                              ? "none"
                              : undefined
                      }
                      className={`bg-[var(--ds-color-neutral-surface-tinted)]! whitespace-nowrap ${
                        isActions(header.column.id) ? "sm:sticky sm:right-0" : ""
                      }`}
                    >
                      {canSort ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()}>
                          {content}
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="max-sm:block">
            {rows.length === 0 && (
              <tr>
                <td colSpan={columnCount} className="p-4">
                  {empty}
                </td>
              </tr>
            )}
            {paddingTop > 0 && (
              <tr>
                <td colSpan={columnCount} style={{ height: paddingTop, padding: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index]!;
              const expanded = renderExpanded?.(row.original) ?? null;
              const rowKey = `${testId ?? "table"}-row-${row.id}`;
              return (
                <Fragment key={row.id}>
                  <tr
                    id={renderExpanded ? rowKey : undefined}
                    data-index={item.index}
                    // An expandable table measures again on every render: opening a row changes
                    // the height of the pair, not of the row the virtualizer observes.
                    ref={
                      renderExpanded
                        ? (element) => virtualizer.measureElement(element)
                        : virtualizer.measureElement
                    }
                    data-selected={row.getIsSelected() || undefined}
                    className="group bg-[var(--ds-color-neutral-surface-default)] hover:bg-[var(--ds-color-neutral-surface-hover)] data-[selected=true]:bg-[var(--ds-color-accent-surface-tinted)] max-sm:block max-sm:border-b max-sm:border-[var(--ds-color-neutral-border-subtle)] max-sm:py-2"
                  >
                    {row.getVisibleCells().map((cell) => {
                      const label = labelOf(cell.column.columnDef.header);
                      return (
                        <td
                          key={cell.id}
                          data-label={label}
                          className={`align-middle max-sm:flex max-sm:border-0 max-sm:min-w-0 max-sm:items-start max-sm:gap-3 max-sm:py-1 max-sm:break-words ${
                            label
                              ? "max-sm:before:w-32 max-sm:before:shrink-0 max-sm:before:hyphens-auto max-sm:before:font-semibold max-sm:before:content-[attr(data-label)]"
                              : ""
                          } ${
                            isActions(cell.column.id)
                              ? "bg-inherit! sm:sticky sm:right-0 sm:shadow-[-1px_0_0_0_var(--ds-color-neutral-border-subtle)]"
                              : ""
                          }`}
                        >
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                  {expanded && (
                    <tr
                      id={expanded.id}
                      data-expanded-of={rowKey}
                      className="bg-[var(--ds-color-neutral-background-tinted)] max-sm:block"
                    >
                      <td colSpan={columnCount} className="px-3 py-3 max-sm:block">
                        {expanded.content}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {paddingBottom > 0 && (
              <tr>
                <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0 }} />
              </tr>
            )}
          </tbody>
        </Table>
      </section>
      <p className="text-sm text-[var(--ds-color-neutral-text-subtle)]" aria-live="polite">
        {t("table.count", { shown: rows.length, total: data.length })}
      </p>
    </div>
  );
}

/** Designsystemet's checkbox that can show the "some selected" state, for select-all headers. */
export function IndeterminateCheckbox({
  indeterminate,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { indeterminate?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = Boolean(indeterminate) && !props.checked;
  }, [indeterminate, props.checked]);
  return (
    <Input ref={ref} data-size="sm" {...(props as ComponentProps<typeof Input>)} type="checkbox" />
  );
}
